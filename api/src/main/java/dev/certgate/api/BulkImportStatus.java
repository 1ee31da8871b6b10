package dev.certgate.api;

/** What a bulk import did with a certificate or a file. */
public enum BulkImportStatus {
    /** Stored (in a dry run: would be stored). */
    IMPORTED,
    /** The same certificate (same SHA-256 fingerprint) is stored already, or is twice in the batch: skipped. */
    DUPLICATE,
    /** Expired, and the batch did not ask for expired certificates: reported, not stored. */
    EXPIRED,
    /** Cannot be imported; the line's detail says why. */
    REFUSED
}
