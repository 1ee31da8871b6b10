package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.time.Duration;
import java.time.Instant;

/**
 * A certificate's validity at an instant, as the Dashboard counts and the certificate table filters and colours it.
 * The constant names are the values of the REST contract ({@code state=EXPIRING}).
 */
@JsonbTypeAdapter(CertificateState.Json.class)
public enum CertificateState {
    /** Ends later than {@link #EXPIRING_DAYS} days from now. */
    VALID,
    /** Not yet ended, but ends within {@link #EXPIRING_DAYS} days. */
    EXPIRING,
    /** Ended. */
    EXPIRED;

    /** The days before its end from which a certificate counts as expiring. */
    public static final int EXPIRING_DAYS = 30;

    /** The input's name in messages and in {@link InvalidInputException#field()}. */
    public static final String FIELD = "state";

    /** The state at {@code now} of a certificate that ends at {@code notAfter}. */
    public static CertificateState of(Instant notAfter, Instant now) {
        if (notAfter.isBefore(now)) {
            return EXPIRED;
        }
        return notAfter.isBefore(now.plus(Duration.ofDays(EXPIRING_DAYS))) ? EXPIRING : VALID;
    }

    /**
     * The state a user named: a constant name, case-insensitive.
     *
     * @return null for null or blank
     * @throws InvalidInputException on {@value #FIELD} when it names none
     */
    public static CertificateState parse(String text) throws InvalidInputException {
        return Vocabulary.parse(CertificateState.class, FIELD, "state", text);
    }

    /** The wire form of JSON-B: the constant's name; reading it as {@link #parse} does. */
    public static final class Json implements JsonbAdapter<CertificateState, String> {
        @Override
        public String adaptToJson(CertificateState value) {
            return value.name();
        }

        @Override
        public CertificateState adaptFromJson(String text) throws InvalidInputException {
            return parse(text);
        }
    }
}
