package dev.certgate.core.pki;

import dev.certgate.api.IpAddress;
import org.bouncycastle.asn1.ASN1OctetString;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TlsAlpnCertificateTest {

    @Test
    void anIpIdentifiersValidationCertificateNamesTheAddressAsAnIpSan() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        for (String address : List.of("203.0.113.7", "2001:db8::7")) {
            X509Certificate certificate = TlsAlpnCertificate.create(keys, IpAddress.of(address), "token.thumb",
                    Instant.now());
            List<?> san = certificate.getSubjectAlternativeNames().iterator().next();
            assertEquals(7, san.get(0), "iPAddress");
            assertEquals(IpAddress.of(address), IpAddress.of((String) san.get(1)));
            assertEquals(1, certificate.getSubjectAlternativeNames().size());
            assertTrue(certificate.getCriticalExtensionOIDs().contains(TlsAlpnCertificate.ACME_IDENTIFIER.getId()));
            byte[] digest = ASN1OctetString.getInstance(ASN1OctetString.getInstance(certificate.getExtensionValue(
                    TlsAlpnCertificate.ACME_IDENTIFIER.getId())).getOctets()).getOctets();
            assertArrayEquals(TlsAlpnCertificate.sha256("token.thumb"), digest);
        }
    }
}
