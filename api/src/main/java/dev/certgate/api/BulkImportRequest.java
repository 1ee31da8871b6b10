package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * Many certificate and key files at once; keys are paired with their certificates by public key.
 *
 * @param files          the files, in the order given (ZIP files are opened)
 * @param passphrase     the one passphrase of the batch's encrypted keys and PKCS#12 files; null for none
 * @param importExpired  store expired certificates too (else they are reported and skipped)
 * @param dryRun         only say what would be imported; nothing is stored
 * @param description    a note for people on every stored certificate; null for none
 */
public record BulkImportRequest(List<ImportFile> files, char[] passphrase, boolean importExpired, boolean dryRun,
                                String description) implements Serializable {

    @Override
    public String toString() {
        return "BulkImportRequest[" + (files == null ? 0 : files.size()) + " files, dryRun=" + dryRun + "]";
    }
}
