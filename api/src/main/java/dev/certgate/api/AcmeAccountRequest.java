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
 * @param keyType      the account key's type: {@code EC_P256}, {@code EC_P384}, {@code RSA_2048}, {@code RSA_3072} or
 *                     {@code RSA_4096}; null keeps the key of the account at the same CA, or makes an
 *                     {@code EC_P256} one for a new account. Another type for the same CA rolls the key over.
 * @param defaultProfile the CA's certificate profile for domains that name none (one the CA's directory lists);
 *                     null or blank for the CA's default
 */
public record AcmeAccountRequest(String directoryUrl, String email, Boolean termsAgreed, String eabKeyId,
                                 String eabHmacKey, KeyType keyType, String defaultProfile) implements Serializable {

    // One constructor only: JSON-B (Yasson) refuses a record with several.

    @Override
    public String toString() {
        return "AcmeAccountRequest[" + directoryUrl + ", " + email + ", terms " + termsAgreed + ", eab " + eabKeyId
                + ", key " + keyType + ", profile " + defaultProfile + "]"; // never the HMAC key
    }
}
