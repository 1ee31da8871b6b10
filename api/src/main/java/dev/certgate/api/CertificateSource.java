package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

/** Where a stored certificate came from. The constant names are the values of the REST contract. */
@JsonbTypeAdapter(CertificateSource.Json.class)
public enum CertificateSource {
    /** Imported by a user (PEM, DER or PKCS#12). */
    UPLOADED,
    /** Self-signed by certgate, for tests. */
    SELF_SIGNED,
    /** Issued by the instance's local CA. */
    LOCAL_CA,
    /** Obtained from an ACME CA. */
    ACME;

    /** The input's name in messages and in {@link InvalidInputException#field()}. */
    public static final String FIELD = "source";

    /**
     * The source a user named: a constant name, case-insensitive.
     *
     * @return null for null or blank
     * @throws InvalidInputException on {@value #FIELD} when it names none
     */
    public static CertificateSource parse(String text) throws InvalidInputException {
        return Vocabulary.parse(CertificateSource.class, FIELD, "source", text);
    }

    /** The wire form of JSON-B: the constant's name; reading it as {@link #parse} does. */
    public static final class Json implements JsonbAdapter<CertificateSource, String> {
        @Override
        public String adaptToJson(CertificateSource value) {
            return value.name();
        }

        @Override
        public CertificateSource adaptFromJson(String text) throws InvalidInputException {
            return parse(text);
        }
    }
}
