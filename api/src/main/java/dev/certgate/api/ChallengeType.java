package dev.certgate.api;

import jakarta.json.bind.adapter.JsonbAdapter;
import jakarta.json.bind.annotation.JsonbTypeAdapter;

/**
 * How a domain proves to an ACME CA that it is ours (RFC 8555 §8). The constant names are the values of the REST
 * contract ({@code "HTTP_01"}, ...).
 */
@JsonbTypeAdapter(ChallengeType.Json.class)
public enum ChallengeType {

    /** A token served over plain HTTP on port 80 by the gateway. */
    HTTP_01("HTTP-01"),
    /** A validation certificate served by the gateway on port 443 with ALPN {@code acme-tls/1} (RFC 8737). */
    TLS_ALPN_01("TLS-ALPN-01"),
    /** A TXT record at {@code _acme-challenge.<name>}: the only one for a wildcard. */
    DNS_01("DNS-01");

    /** The challenge used when the user chooses none. */
    public static final ChallengeType DEFAULT = HTTP_01;

    /** The input's name in messages and in {@link InvalidInputException#field()}. */
    public static final String FIELD = "challenge";

    private final String label;

    ChallengeType(String label) {
        this.label = label;
    }

    /** As RFC 8555 writes it: "HTTP-01". */
    public String label() {
        return label;
    }

    /**
     * The challenge type a user named: a constant name, case-insensitive, or the RFC's spelling ("dns-01").
     *
     * @return null for null or blank
     * @throws InvalidInputException on {@value #FIELD} when it names none
     */
    public static ChallengeType parse(String text) throws InvalidInputException {
        return Vocabulary.parse(ChallengeType.class, FIELD, "challenge type", text);
    }

    /** The wire form of JSON-B: the constant's name; reading it as {@link #parse} does. */
    public static final class Json implements JsonbAdapter<ChallengeType, String> {
        @Override
        public String adaptToJson(ChallengeType value) {
            return value.name();
        }

        @Override
        public ChallengeType adaptFromJson(String text) throws InvalidInputException {
            return parse(text);
        }
    }
}
