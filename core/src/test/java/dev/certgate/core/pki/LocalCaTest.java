package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static dev.certgate.core.pki.SelfSignedTest.authorityKeyIdentifier;
import static dev.certgate.core.pki.SelfSignedTest.dns;
import static dev.certgate.core.pki.SelfSignedTest.ip;
import static dev.certgate.core.pki.SelfSignedTest.subjectAltNames;
import static dev.certgate.core.pki.SelfSignedTest.subjectKeyIdentifier;
import static dev.certgate.core.pki.SelfSignedTest.validity;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalCaTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String NAME = "certgate local CA 3f2a9c";

    @Test
    void theRootIsAnEcP384CaThatSignsOnlyServerCertificates() throws Exception {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        X509Certificate root = ca.root();

        assertEquals("1.2.840.10045.4.3.3", root.getSigAlgOID()); // ecdsa-with-SHA384
        assertEquals("CN=" + NAME + ",O=certgate", root.getIssuerX500Principal().getName());
        assertEquals(Instant.parse("2026-11-27T11:55:00Z"), root.getNotBefore().toInstant());
        assertEquals(Instant.parse("2036-11-27T11:54:59Z"), root.getNotAfter().toInstant());
        assertEquals(SECObjectIdentifiers.secp384r1, SubjectPublicKeyInfo.getInstance(root.getPublicKey().getEncoded())
                .getAlgorithm().getParameters(), "EC on the named curve P-384");
        // critical key usage: keyCertSign and cRLSign only
        assertArrayEquals(new boolean[]{false, false, false, false, false, true, true, false, false},
                root.getKeyUsage());
        assertEquals("CN=" + NAME + ",O=certgate", root.getSubjectX500Principal().getName());
        assertEquals(0, root.getBasicConstraints());
        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), root.getCriticalExtensionOIDs());
        assertEquals(Set.of("2.5.29.14"), root.getNonCriticalExtensionOIDs());
        assertEquals(127, root.getSerialNumber().bitLength());

        TlsClient.validate(List.of(Pem.readCertificates(ca.rootPem()).get(0)), root, NOW);
        assertFalse(ca.key().getClass().getName().startsWith("org.bouncycastle"));
        assertTrue(Keys.matches(ca.key(), root.getPublicKey()));
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void issuesServerCertificatesThatATlsClientVerifiesAgainstTheRoot(KeySpec spec) throws Exception {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        CertificateRequest request = CertificateRequest.builder().commonName("*.example.test")
                .subjectAltNames(List.of("example.test", "192.0.2.10")).keySpec(spec).build();
        ImportedCertificate issued = ca.issue(request, NOW);

        assertEquals(List.of(issued.leaf().certificate(), ca.root()), issued.chain());
        assertEquals(List.of(), issued.warnings());
        X509Certificate leaf = issued.leaf().certificate();
        assertEquals("1.2.840.10045.4.3.3", leaf.getSigAlgOID()); // ecdsa-with-SHA384, the root's key
        assertEquals("CN=" + NAME + ",O=certgate", leaf.getIssuerX500Principal().getName());
        assertEquals("CN=*.example.test", leaf.getSubjectX500Principal().getName());
        assertEquals(spec.bits(), CertificateDetails.keySize(leaf.getPublicKey()));
        assertEquals(List.of(dns("*.example.test"), dns("example.test"), ip("192.0.2.10")), subjectAltNames(leaf));
        assertArrayEquals(new boolean[]{true, false, spec.isRsa(), false, false, false, false, false, false},
                leaf.getKeyUsage());
        assertEquals(List.of(SelfSignedTest.SERVER_AUTH), leaf.getExtendedKeyUsage());
        assertEquals(-1, leaf.getBasicConstraints());
        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), leaf.getCriticalExtensionOIDs());
        assertArrayEquals(subjectKeyIdentifier(ca.root()), authorityKeyIdentifier(leaf));
        assertNotEquals(ca.root().getSerialNumber(), leaf.getSerialNumber());
        assertFalse(Keys.matches(issued.key(), ca.root().getPublicKey()));

        // a TLS client trusting only the root connects to each name and the address (JSSE judges dates by the
        // clock: a CA and certificate made now)
        LocalCa liveCa = LocalCa.createRoot(NAME, Instant.now());
        ImportedCertificate live = liveCa.issue(request, Instant.now());
        for (String host : List.of("www.example.test", "example.test", "192.0.2.10")) {
            TlsClient.assertAccepted(live.chain(), live.key(), liveCa.root(), host, Instant.now());
        }
    }

    @Test
    void oneTrustedRootCoversEveryCertificateItIssues() throws Exception {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        ImportedCertificate first = ca.issue(CertificateRequest.of("a.example.test"), NOW);
        ImportedCertificate second = ca.issue(CertificateRequest.of("b.example.test"), NOW.plusSeconds(3600));

        // The JDK's own PKIX validation, as a Java client trusting only the downloaded root would do it.
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate downloaded = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(ca.rootDer()));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(downloaded, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW.plus(Duration.ofDays(30))));
        for (ImportedCertificate issued : List.of(first, second)) {
            CertPathValidator.getInstance("PKIX").validate(
                    factory.generateCertPath(List.of(issued.leaf().certificate())), parameters);
        }
        assertNotEquals(first.leaf().certificate().getSerialNumber(), second.leaf().certificate().getSerialNumber());
    }

    @Test
    void aLeafNeverOutlivesTheRoot() throws Exception {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        Instant late = Instant.parse("2036-09-01T00:00:00Z");
        ImportedCertificate issued = ca.issue(CertificateRequest.of("www.example.test"), late);

        assertEquals(ca.notAfter(), issued.leaf().notAfter());
        assertEquals(Instant.parse("2036-11-27T11:54:59Z"), issued.leaf().notAfter());
        assertEquals(List.of("The certificate is valid only until 2036-11-27 11:54 UTC, when the local CA's root "
                + "certificate expires."), issued.warnings());
        TlsClient.validate(List.of(issued.leaf().certificate()), ca.root(), late);
    }

    @Test
    void aLeafHasTheRequestedValidityWhileTheRootLasts() throws Exception {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test").validityDays(825)
                .build();
        ImportedCertificate issued = ca.issue(request, NOW.plus(Duration.ofDays(10)));
        assertEquals(Instant.parse("2026-12-07T11:55:00Z"), issued.leaf().notBefore());
        assertEquals(Duration.ofDays(825), validity(issued.leaf().certificate()));
    }

    @Test
    void anExpiredRootIssuesNothing() {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        LocalCaNotValidException e = assertThrows(LocalCaNotValidException.class,
                () -> ca.issue(CertificateRequest.of("www.example.test"), Instant.parse("2036-11-27T12:00:00Z")));
        assertEquals("The local CA's root certificate expired on 2036-11-27 11:54 UTC. Create a new local CA and "
                + "import its root certificate into the browsers again.", e.getMessage());
        LocalCaNotValidException early = assertThrows(LocalCaNotValidException.class,
                () -> ca.issue(CertificateRequest.of("www.example.test"), Instant.parse("2026-11-27T11:00:00Z")));
        assertEquals("The local CA's root certificate is valid only from 2026-11-27 11:55 UTC. Check the server's "
                + "clock.", early.getMessage());
    }

    @Test
    void isRebuiltFromItsStoredRootAndKey() throws Exception {
        LocalCa created = LocalCa.createRoot(NAME, NOW);
        X509Certificate storedRoot = Pem.readCertificates(created.rootPem()).get(0);
        LocalCa rebuilt = LocalCa.of(storedRoot, Pem.privateKeyFromPkcs8(created.key().getEncoded()));

        assertEquals(created.root(), rebuilt.root());
        assertEquals(created.rootPem(), rebuilt.rootPem());
        ImportedCertificate issued = rebuilt.issue(CertificateRequest.of("www.example.test"), NOW);
        assertArrayEquals(subjectKeyIdentifier(created.root()), authorityKeyIdentifier(issued.leaf().certificate()));
        issued.leaf().certificate().verify(created.root().getPublicKey());
    }

    @Test
    void refusesACertificateThatIsNoCa() {
        ImportedCertificate selfSigned = SelfSigned.issue(certificateRequest("www.example.test"), NOW);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalCa.of(selfSigned.leaf().certificate(), selfSigned.key()));
        assertEquals("the certificate CN=www.example.test is not a CA certificate (basic constraints CA:true is "
                + "missing)", e.getMessage());
    }

    @Test
    void refusesAKeyOfAnotherRoot() {
        LocalCa one = LocalCa.createRoot(NAME, NOW);
        LocalCa other = LocalCa.createRoot(NAME, NOW);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LocalCa.of(one.root(), other.key()));
        assertEquals("the private key does not belong to the certificate CN=" + NAME + ",O=certgate",
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LocalCa.of(one.root(),
                SelfSigned.issue(certificateRequest("x.test"), NOW).key()));
    }

    @Test
    void refusesABlankOrLongName() {
        assertThrows(IllegalArgumentException.class, () -> LocalCa.createRoot(" ", NOW));
        assertThrows(IllegalArgumentException.class, () -> LocalCa.createRoot("x".repeat(65), NOW));
    }

    @Test
    void anIssuedChainIsAcceptedByThePemImport() throws Exception {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        ImportedCertificate issued = ca.issue(CertificateRequest.builder().commonName("www.example.test")
                .keySpec(KeySpec.EC_P384).build(), NOW);

        ImportedCertificate imported = PemImport.parse(issued.chainPem(), SelfSignedTest.keyPem(issued.key()), NOW);

        assertEquals(issued.chain(), imported.chain());
        assertEquals(2, imported.chain().size());
        assertEquals("www.example.test", imported.leaf().commonName());
        assertEquals("CN=" + NAME + ",O=certgate", imported.leaf().issuer());
        assertEquals(ca.rootPem(), Pem.encodeCertificates(List.of(imported.chain().get(1))));
    }

    @Test
    void neverShowsItsKey() {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        assertEquals("LocalCa[CN=" + NAME + ",O=certgate, until 2036-11-27 11:54 UTC]", ca.toString());
        assertSame(ca.key(), ca.key());
    }

    private static CertificateRequest certificateRequest(String name) {
        try {
            return CertificateRequest.of(name);
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }
}
