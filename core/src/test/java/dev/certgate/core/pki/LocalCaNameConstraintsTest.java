package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.bouncycastle.asn1.x500.X500Name;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14 point 5: the local CA's permitted names, in its root and in its own check before signing. */
class LocalCaNameConstraintsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

    private static LocalCa constrained(String... entries) throws BadInputException {
        return LocalCa.createRoot("certgate local CA nc", NOW, PermittedNames.parse(List.of(entries)));
    }

    @Test
    void theRootCarriesItsPermittedNamesAsACriticalExtension() throws Exception {
        LocalCa ca = constrained("intranet.example.com", " .lab.example.org ", "Intranet.Example.com.");
        assertTrue(ca.root().getCriticalExtensionOIDs().contains("2.5.29.30"), "nameConstraints, critical");
        assertEquals(List.of("intranet.example.com", "lab.example.org"), ca.permittedNames().domains());
        // read back from the stored PEM, as the server does
        LocalCa stored = LocalCa.of(Pem.readCertificates(ca.rootPem()).get(0), ca.key());
        assertEquals(ca.permittedNames(), stored.permittedNames());

        LocalCa open = LocalCa.createRoot("certgate local CA open", NOW);
        assertTrue(open.permittedNames().isNone());
        assertNull(open.root().getExtensionValue("2.5.29.30"), "no constraints: no extension");
        assertTrue(LocalCa.createRoot("x", NOW, PermittedNames.parse(List.of(" ", ""))).permittedNames().isNone());
    }

    @Test
    void namesInsideArePermittedAndIssued() throws Exception {
        LocalCa ca = constrained("intranet.example.com");
        ImportedCertificate issued = ca.issue(CertificateRequest.builder().commonName("intranet.example.com")
                .subjectAltNames(List.of("www.intranet.example.com", "*.app.intranet.example.com")).build(), NOW);
        assertEquals(2, issued.chain().size());
        assertVerifies(ca, issued.chain().get(0));
    }

    @Test
    void aNameOutsideIsRefusedBeforeSigningWithWhatIsPermitted() throws Exception {
        LocalCa ca = constrained("intranet.example.com");
        NameNotPermittedException outside = assertThrows(NameNotPermittedException.class, () -> ca.issue(
                CertificateRequest.of("www.example.com"), NOW));
        assertEquals("commonName", outside.field());
        assertEquals("The local CA may issue only for intranet.example.com and the names under them, not for "
                + "www.example.com (its permitted names, fixed when it was created).", outside.getMessage());

        // a name that only ends like the domain is not under it
        NameNotPermittedException lookalike = assertThrows(NameNotPermittedException.class, () -> ca.issue(
                CertificateRequest.builder().commonName("a.intranet.example.com")
                        .addSubjectAltName("evilintranet.example.com").build(), NOW));
        assertEquals("subjectAltNames", lookalike.field());

        NameNotPermittedException ip = assertThrows(NameNotPermittedException.class, () -> ca.issue(
                CertificateRequest.builder().commonName("a.intranet.example.com").addSubjectAltName("192.0.2.1")
                        .build(), NOW));
        assertEquals("The local CA may not issue for the IP address 192.0.2.1: a local CA with permitted names issues "
                + "for host names under them only.", ip.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*.com", "*.co.uk", "*.github.io", "*.test", "*.localhost", "*.xn--p1ai"})
    void aWildcardOverAPublicSuffixOrASingleLabelIsNeverIssuedEvenWithoutConstraints(String wildcard)
            throws Exception {
        LocalCa open = LocalCa.createRoot("certgate local CA open", NOW);
        NameNotPermittedException refused = assertThrows(NameNotPermittedException.class, () -> open.issue(
                CertificateRequest.of(wildcard), NOW));
        assertTrue(refused.getMessage().startsWith("The local CA does not issue " + wildcard + ": "),
                refused.getMessage());
        assertEquals("commonName", refused.field());
        // under a domain of one's own a wildcard is fine, and single labels such as localhost too
        open.issue(CertificateRequest.of("*.shop" + wildcard.substring(1)), NOW);
        open.issue(CertificateRequest.of("localhost"), NOW);
    }

    @ParameterizedTest
    @ValueSource(strings = {"com", "co.uk", "github.io", "test", "localhost", "*.example.com", "not a name!",
            "10.0.0.0/8", "192.0.2.1", "2001:db8::1"})
    void aPermittedNameThatIsAPublicSuffixASingleLabelAnAddressOrMalformedIsRefused(String entry) {
        BadInputException refused = assertThrows(BadInputException.class,
                () -> PermittedNames.parse(List.of("intranet.example.com", entry)));
        assertEquals("permittedNames", refused.field());
        assertTrue(refused.getMessage().contains(entry), refused.getMessage());
    }

    @Test
    void theRefusalsSayWhy() {
        assertEquals("The permitted name co.uk is a public suffix (anyone can register a name under it): it would let "
                + "the local CA issue for other people's domains. Name your own domain under it, for example "
                + "example.co.uk.", assertThrows(BadInputException.class,
                () -> PermittedNames.parse(List.of("co.uk"))).getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> PermittedNames.parse(List.of("localhost")))
                .getMessage().startsWith("The permitted name localhost is a single label"));
        assertTrue(assertThrows(BadInputException.class, () -> PermittedNames.parse(List.of("10.0.0.0/8")))
                .getMessage().contains("is an IP address or range"));
    }

    @Test
    void publicSuffixesFollowTheListsRules() {
        assertTrue(PublicSuffixes.isPublicSuffix("com"));
        assertTrue(PublicSuffixes.isPublicSuffix("co.uk"));
        assertFalse(PublicSuffixes.isPublicSuffix("example.co.uk"));
        assertTrue(PublicSuffixes.isPublicSuffix("anything.ck"), "*.ck");
        assertFalse(PublicSuffixes.isPublicSuffix("www.ck"), "!www.ck");
        assertTrue(PublicSuffixes.isPublicSuffix("xn--p1ai"), ".рф, listed in Unicode");
        assertFalse(PublicSuffixes.isPublicSuffix("example.com"));
    }

    /**
     * A certificate outside the root's constraints, signed with the CA's key by someone other than certgate (a stolen
     * key, a bug): a JDK verifier refuses it because the root says so, and accepts one inside. The JDK's PKIX
     * validator ignores the extension of the trust anchor itself (and refuses constraints handed to a
     * {@link TrustAnchor}: "not supported"); it reads them when the root is also in the path, as the chain certgate
     * serves has it ([leaf, root]). Browsers and OpenSSL read the trusted root's extension either way (next test).
     */
    @Test
    void aJdkVerifierGivenTheRootsConstraintsRefusesALeafOutsideThem() throws Exception {
        LocalCa ca = constrained("intranet.example.com");
        assertVerifies(ca, forged(ca, "www.intranet.example.com", "sub.intranet.example.com"));

        CertPathValidatorException refused = assertThrows(CertPathValidatorException.class,
                () -> assertVerifies(ca, forged(ca, "www.example.com", "www.example.com")));
        assertTrue(String.valueOf(refused.getMessage()).toLowerCase().contains("name constraint"),
                refused.getMessage());
        assertThrows(CertPathValidatorException.class,
                () -> assertVerifies(ca, forged(ca, "intranet.example.com", "192.0.2.1")), "IPv4 excluded");
        assertThrows(CertPathValidatorException.class,
                () -> assertVerifies(ca, forged(ca, "intranet.example.com", "2001:db8::1")), "IPv6 excluded");
    }

    /** The same with {@code openssl verify}, which reads the trusted root's extension itself. Needs openssl. */
    @Test
    void opensslRefusesALeafOutsideTheRootsConstraints(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl is not installed");
        LocalCa ca = constrained("intranet.example.com");
        Path root = Files.writeString(dir.resolve("root.pem"), ca.rootPem());
        Path inside = Files.writeString(dir.resolve("inside.pem"), Pem.encodeCertificates(List.of(
                forged(ca, "www.intranet.example.com", "sub.intranet.example.com"))));
        Path outside = Files.writeString(dir.resolve("outside.pem"), Pem.encodeCertificates(List.of(
                forged(ca, "intranet.example.com", "www.example.com"))));
        assertEquals(0, openssl(dir, "verify", "-attime", String.valueOf(NOW.getEpochSecond() + 3600), "-CAfile",
                root.toString(), inside.toString()));
        assertEquals(2, openssl(dir, "verify", "-attime", String.valueOf(NOW.getEpochSecond() + 3600), "-CAfile",
                root.toString(), outside.toString()));
        String said = Files.readString(dir.resolve("openssl.out"));
        assertTrue(said.contains("permitted subtree violation"), said);
    }

    private static int openssl(Path dir, String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("/usr/bin/openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.out").toFile()).start();
        assertTrue(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "openssl ended");
        return process.exitValue();
    }

    private static X509Certificate forged(LocalCa ca, String commonName, String otherName) throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName(commonName).addSubjectAltName(otherName)
                .build();
        KeyPair keys = KeySpec.EC_P256.generate();
        return Issuing.leaf(request, keys.getPublic(), NOW.minusSeconds(60), NOW.plus(Duration.ofDays(30)),
                X500Name.getInstance(ca.root().getSubjectX500Principal().getEncoded()),
                Issuing.authorityKeyIdentifier(Issuing.subjectKeyIdentifier(ca.root().getPublicKey())), ca.key(),
                "SHA384withECDSA");
    }

    private static void assertVerifies(LocalCa ca, X509Certificate leaf) throws Exception {
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.root(), null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(NOW.plusSeconds(3600)));
        // The root in the path as well, as a server sends it: so the JDK reads its extension (see above).
        CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509")
                .generateCertPath(List.of(leaf, ca.root())), parameters);
    }
}
