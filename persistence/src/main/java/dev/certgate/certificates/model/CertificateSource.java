package dev.certgate.certificates.model;

/** Where a stored certificate came from. The names are those of the REST contract. */
public enum CertificateSource {
    /** Imported by a user (PEM, DER or PKCS#12). */
    UPLOADED,
    /** Self-signed by certgate, for tests. */
    SELF_SIGNED,
    /** Issued by the instance's local CA. */
    LOCAL_CA,
    /** Obtained from an ACME CA. */
    ACME
}
