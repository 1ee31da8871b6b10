package dev.certgate.api;

import java.io.Serializable;

/**
 * The ACME account an admin asks for.
 *
 * @param directoryUrl an RFC 8555 directory URL, or a preset: {@code letsencrypt}, {@code letsencrypt-staging}
 * @param email        the contact address (optional but recommended: CAs write about expiry and incidents)
 * @param termsAgreed  must be true: the CA's terms of service are agreed
 * @param eabKeyId     the External Account Binding key id, when the CA requires one (with {@code eabHmacKey})
 * @param eabHmacKey   the EAB HMAC key, base64url as the CA hands it out; sealed, never shown back
 * @param keyType      the account key's type for a new account: {@code EC_P256} (null: the default),
 *                     {@code EC_P384}, {@code RSA_2048}, {@code RSA_3072} or {@code RSA_4096}; an account kept at
 *                     the same CA keeps its key (a rollover makes a new one of this type)
 */
public record AcmeAccountRequest(String directoryUrl, String email, Boolean termsAgreed, String eabKeyId,
                                 String eabHmacKey, String keyType) implements Serializable {

    // One constructor only: JSON-B (Yasson) refuses a record with several.

    @Override
    public String toString() {
        return "AcmeAccountRequest[" + directoryUrl + ", " + email + ", terms " + termsAgreed + ", eab " + eabKeyId
                + ", key " + keyType + "]"; // never the HMAC key
    }
}
