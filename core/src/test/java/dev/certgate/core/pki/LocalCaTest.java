package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static dev.certgate.core.pki.SelfSignedTest.assertContains;
import static dev.certgate.core.pki.SelfSignedTest.authorityKeyIdentifier;
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
    private static final String AT_NOW = Long.toString(NOW.getEpochSecond());
    private static final String NAME = "certgate local CA 3f2a9c";

    @TempDir
    Path dir;

    @Test
    void theRootIsAnEcP384CaThatSignsOnlyServerCertificates() {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        X509Certificate root = ca.root();

        String text = OpenSsl.text(dir, root);
        assertContains(text, "Signature Algorithm: ecdsa-with-SHA384 Issuer: O = certgate, CN = " + NAME
                + " Validity Not Before: Nov 27 11:55:00 2026 GMT Not After : Nov 27 11:54:59 2036 GMT Subject: "
                + "O = certgate, CN = " + NAME + " Subject Public Key Info: Public Key Algorithm: id-ecPublicKey "
                + "Public-Key: (384 bit)");
        assertContains(text, "NIST CURVE: P-384");
        assertContains(text, "X509v3 Basic Constraints: critical CA:TRUE, pathlen:0 X509v3 Key Usage: critical "
                + "Certificate Sign, CRL Sign X509v3 Subject Key Identifier:");
        assertEquals("CN=" + NAME + ",O=certgate", root.getSubjectX500Principal().getName());
        assertEquals(0, root.getBasicConstraints());
        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), root.getCriticalExtensionOIDs());
        assertEquals(Set.of("2.5.29.14"), root.getNonCriticalExtensionOIDs());
        assertEquals(127, root.getSerialNumber().bitLength());

        Path pem = OpenSsl.write(dir, "root.pem", ca.rootPem());
        assertEquals(pem + ": OK\n", openssl("verify", "-x509_strict", "-attime", AT_NOW, "-CAfile", pem.toString(),
                pem.toString()));
        assertFalse(ca.key().getClass().getName().startsWith("org.bouncycastle"));
        assertTrue(Keys.matches(ca.key(), root.getPublicKey()));
    }

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void issuesServerCertificatesThatOpensslVerifiesAgainstTheRoot(KeySpec spec) throws Exception {
        LocalCa ca = LocalCa.createRoot(NAME, NOW);
        CertificateRequest request = CertificateRequest.builder().commonName("*.example.test")
                .subjectAltNames(List.of("example.test", "192.0.2.10")).keySpec(spec).build();
        ImportedCertificate issued = ca.issue(request, NOW);

        assertEquals(List.of(issued.leaf().certificate(), ca.root()), issued.chain());
        assertEquals(List.of(), issued.warnings());
        X509Certificate leaf = issued.leaf().certificate();
        String text = OpenSsl.text(dir, leaf);
        assertContains(text, "Signature Algorithm: ecdsa-with-SHA384 Issuer: O = certgate, CN = " + NAME);
        assertContains(text, "Subject: CN = *.example.test Subject Public Key Info");
        assertContains(text, "Public-Key: (" + spec.bits() + " bit)");
        assertContains(text, "X509v3 Subject Alternative Name: DNS:*.example.test, DNS:example.test, "
                + "IP Address:192.0.2.10 X509v3 Key Usage: critical Digital Signature"
                + (spec.isRsa() ? ", Key Encipherment" : "") + " X509v3 Extended Key Usage: TLS Web Server "
                + "Authentication X509v3 Basic Constraints: critical CA:FALSE");
        assertArrayEquals(subjectKeyIdentifier(ca.root()), authorityKeyIdentifier(leaf));
        assertNotEquals(ca.root().getSerialNumber(), leaf.getSerialNumber());
        assertFalse(Keys.matches(issued.key(), ca.root().getPublicKey()));

        Path root = OpenSsl.write(dir, "root.pem", ca.rootPem());
        Path leafPem = OpenSsl.write(dir, "leaf.pem", Pem.encodeCertificates(List.of(leaf)));
        for (List<String> check : List.of(List.of("-verify_hostname", "www.example.test"),
                List.of("-verify_hostname", "example.test"), List.of("-verify_ip", "192.0.2.10"))) {
            List<String> command = new ArrayList<>(List.of("verify", "-x509_strict", "-purpose",
                    "sslserver", "-attime", AT_NOW, "-CAfile", root.toString()));
            command.addAll(check);
            command.add(leafPem.toString());
            assertEquals(leafPem + ": OK\n", openssl(command.toArray(String[]::new)));
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
        Path root = OpenSsl.write(dir, "root.pem", ca.rootPem());
        Path leaf = OpenSsl.write(dir, "leaf.pem", Pem.encodeCertificates(List.of(issued.leaf().certificate())));
        assertEquals(leaf + ": OK\n", openssl("verify", "-x509_strict", "-attime",
                Long.toString(late.getEpochSecond()), "-CAfile", root.toString(), leaf.toString()));
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

        ImportedCertificate imported = PemImport.parse(issued.chainPem(), OpenSsl.keyPem(issued.key()), NOW);

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

    private String openssl(String... arguments) {
        OpenSsl.Result result = OpenSsl.run(dir, arguments);
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
    }

    private static CertificateRequest certificateRequest(String name) {
        try {
            return CertificateRequest.of(name);
        } catch (BadInputException e) {
            throw new AssertionError(e);
        }
    }
}
