package dev.certgate.core.pki;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Issues a self-signed TLS server certificate: a new key of the requested type, subject {@code CN=<common name>},
 * the request's names as subject alternative names, key usage digitalSignature (and keyEncipherment for RSA),
 * extended key usage serverAuth, not a CA, subject and authority key identifiers, a random 16-byte serial number.
 * A browser trusts it once it is imported as trusted; for many names prefer {@link LocalCa}, whose one root covers
 * them all.
 */
public final class SelfSigned {

    private SelfSigned() {
    }

    /**
     * A new key and its self-signed certificate, valid from five minutes before {@code now} (so clients whose clock
     * is a little behind accept it) for {@link CertificateRequest#validityDays()} days, counting both ends.
     *
     * @return the certificate (its chain is just itself) and its new private key, which the caller must seal
     */
    public static ImportedCertificate issue(CertificateRequest request, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(now, "now");
        KeyPair keys = request.keySpec().generate();
        Instant notBefore = Issuing.notBefore(now);
        X509Certificate certificate = Issuing.leaf(request, keys.getPublic(), notBefore,
                Issuing.notAfter(notBefore, request.validityDays()), Issuing.commonNameOnly(request.commonName()),
                Issuing.authorityKeyIdentifier(Issuing.subjectKeyIdentifier(keys.getPublic())), keys.getPrivate(),
                request.keySpec().signatureAlgorithm());
        return ImportedCertificate.of(List.of(certificate), keys.getPrivate());
    }
}
