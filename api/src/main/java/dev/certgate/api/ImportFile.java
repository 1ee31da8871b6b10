package dev.certgate.api;

import java.io.Serializable;

/**
 * One file of a bulk import.
 *
 * @param name    the file's name as the user knows it (an upload's name, or a path in a migration source)
 * @param content its bytes: PEM, DER, PKCS#12 or a ZIP of such files
 * @param origin  where it comes from, written to the audit log; null: the name
 * @param acme    issued by an ACME CA and adopted: stored with source ACME, renewed by certgate when due. Set by
 *                migrations; the REST bulk upload never sets it
 */
public record ImportFile(String name, byte[] content, String origin, boolean acme) implements Serializable {

    /** A plain upload. */
    public static ImportFile of(String name, byte[] content) {
        return new ImportFile(name, content, null, false);
    }

    @Override
    public String toString() {
        return "ImportFile[" + name + ", " + (content == null ? 0 : content.length) + " bytes]"; // never the content
    }
}
