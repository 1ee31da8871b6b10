package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * One line of a bulk import's result: a certificate found in the batch, or a file that gave none.
 *
 * @param files             the files it came from (a certificate, its key, its chain), in batch order
 * @param status            what was done
 * @param commonName        the certificate's common name; null for a file that could not be read
 * @param fingerprintSha256 the certificate's fingerprint; null as the common name
 * @param certificateId     the stored certificate (imported), or the one already stored (duplicate); else null
 * @param detail            one or more sentences for the user: why refused, the warnings of an import
 */
public record BulkImportLine(List<String> files, BulkImportStatus status, String commonName,
                             String fingerprintSha256, String certificateId, String detail) implements Serializable {

    public BulkImportLine {
        files = List.copyOf(files);
    }
}
