package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A certificate's validity at an instant, as the Dashboard counts and the certificate table filters and colours it.
 * The constant names are the values of the REST contract ({@code state=EXPIRING}).
 */
@JsonbTypeAdapter(CertificateState.Json.class)
public enum CertificateState {
    /** Begun, and ends later than {@link #EXPIRING_DAYS} days from now. */
    VALID,
    /** Begun and not yet ended, but ends within {@link #EXPIRING_DAYS} days. */
    EXPIRING,
    /** Ended. */
    EXPIRED,
    /** Not begun: its not-before is still ahead, so a client refuses it today. */
    NOT_YET_VALID;

    /** The days before its end from which a certificate counts as expiring. */
    public static final int EXPIRING_DAYS = 30;

    /** The input's name in messages and in {@link InvalidInputException#field()}. */
    public static final String FIELD = "state";

    /**
     * The state at {@code now} of a certificate valid from {@code notBefore} to {@code notAfter}, both inclusive (as
     * X.509 has them): not yet valid before its start, expired after its end, else expiring or valid by what is left.
     */
    public static CertificateState of(Instant notBefore, Instant notAfter, Instant now) {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        Objects.requireNonNull(now, "now");
        if (now.isBefore(notBefore)) {
            return NOT_YET_VALID;
        }
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
