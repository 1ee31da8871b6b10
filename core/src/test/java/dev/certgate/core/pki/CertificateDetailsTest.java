package dev.certgate.core.pki;

import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CertificateDetailsTest {

    private static X509Certificate certificate(String file) {
        return Pem.readStoredCertificates(Fixtures.text(file)).get(0);
    }

    @Test
    void theCrlDistributionPointsAndOcspRespondersAreReadAsOpensslWroteThem() {
        X509Certificate revocation = certificate("revocation.crt.pem");
        assertEquals(List.of("http://crl.example.test/ca.crl", "http://crl2.example.test/ca.crl"),
                CertificateDetails.crlDistributionPoints(revocation));
        assertEquals(List.of("http://ocsp.example.test/"), CertificateDetails.ocspResponders(revocation));
    }

    @Test
    void aCertificateNamingNeitherHasNone() {
        X509Certificate leaf = certificate("leaf.crt.pem");
        assertEquals(List.of(), CertificateDetails.crlDistributionPoints(leaf));
        assertEquals(List.of(), CertificateDetails.ocspResponders(leaf));
    }
}
