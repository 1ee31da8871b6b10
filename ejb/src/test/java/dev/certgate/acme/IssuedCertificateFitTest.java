package dev.certgate.acme;

import dev.certgate.core.pki.CertificateRequest;
import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.core.pki.SelfSigned;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14 point 5: a renewed certificate replaces the old one only when it covers the domain and is valid now. */
class IssuedCertificateFitTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static LeafCertificate leaf(String commonName) throws Exception {
        return SelfSigned.issue(CertificateRequest.builder().commonName(commonName).build(), NOW).leaf();
    }

    @Test
    void aCertificateForTheDomainValidNowIsFit() throws Exception {
        assertEquals(Optional.empty(), AcmeStore.unfit("www.shop.test", leaf("www.shop.test"), NOW));
        assertEquals(Optional.empty(), AcmeStore.unfit("WWW.Shop.test", leaf("www.shop.test"), NOW), "case");
        assertEquals(Optional.empty(), AcmeStore.unfit("*.shop.test", leaf("*.shop.test"), NOW), "a wildcard");
    }

    @Test
    void anotherNameOrATimeOutsideItsValidityIsRefusedWithWhy() throws Exception {
        Optional<String> other = AcmeStore.unfit("www.shop.test", leaf("www.other.test"), NOW);
        assertTrue(other.orElseThrow().contains("does not cover www.shop.test (it names www.other.test)"),
                other.get());
        assertTrue(other.get().contains("the certificate in service stays"), other.get());
        // a wildcard for the parent does not stand for an order of the apex
        assertTrue(AcmeStore.unfit("shop.test", leaf("*.shop.test"), NOW).isPresent());
        LeafCertificate valid = leaf("www.shop.test");
        Optional<String> early = AcmeStore.unfit("www.shop.test", valid,
                valid.notBefore().minus(AcmeStore.ISSUED_CLOCK_SKEW).minus(Duration.ofMinutes(1)));
        assertTrue(early.orElseThrow().contains("is not valid now"), early.get());
        assertTrue(AcmeStore.unfit("www.shop.test", valid, valid.notAfter()).isPresent(), "ended");
        assertEquals(Optional.empty(), AcmeStore.unfit("www.shop.test", valid,
                valid.notBefore().minus(Duration.ofMinutes(4))), "a clock a little behind the CA's");
    }
}
