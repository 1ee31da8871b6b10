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
 */
public record AcmeAccountRequest(String directoryUrl, String email, Boolean termsAgreed, String eabKeyId,
                                 String eabHmacKey) implements Serializable {

    @Override
    public String toString() {
        return "AcmeAccountRequest[" + directoryUrl + ", " + email + ", terms " + termsAgreed + ", eab " + eabKeyId
                + "]"; // never the HMAC key
    }
}
