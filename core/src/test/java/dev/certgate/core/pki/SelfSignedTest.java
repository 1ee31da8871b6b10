package dev.certgate.core.pki;

import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfSignedTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    /** id-kp-serverAuth: TLS Web Server Authentication. */
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void issuesAServerCertificateForEachKeySpec(KeySpec spec) throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test").keySpec(spec).build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        X509Certificate certificate = issued.leaf().certificate();
        PublicKey publicKey = certificate.getPublicKey();
        if (spec.isRsa()) {
            assertEquals(spec.bits(), ((RSAPublicKey) publicKey).getModulus().bitLength());
            assertEquals(BigInteger.valueOf(65537), ((RSAPublicKey) publicKey).getPublicExponent());
        } else {
            assertEquals(spec.bits(), ((ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize());
            assertEquals(spec == KeySpec.EC_P256 ? SECObjectIdentifiers.secp256r1 : SECObjectIdentifiers.secp384r1,
                    SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()).getAlgorithm().getParameters(),
                    "a named NIST curve");
        }
        assertEquals(switch (spec) {
            case EC_P256 -> "1.2.840.10045.4.3.2";                  // ecdsa-with-SHA256
            case EC_P384 -> "1.2.840.10045.4.3.3";                  // ecdsa-with-SHA384
            case RSA_2048, RSA_3072, RSA_4096 -> "1.2.840.113549.1.1.11"; // sha256WithRSAEncryption
        }, certificate.getSigAlgOID());
        // critical key usage: digitalSignature, and keyEncipherment for RSA; nothing else
        assertArrayEquals(new boolean[]{true, false, spec.isRsa(), false, false, false, false, false, false},
                certificate.getKeyUsage());
        assertTrue(certificate.getCriticalExtensionOIDs().contains("2.5.29.15"));
        assertEquals(List.of(SERVER_AUTH), certificate.getExtendedKeyUsage());

        // The key handed back is the JDK's own, and it is the certificate's (it signs what the certificate verifies).
        assertFalse(issued.key().getClass().getName().startsWith("org.bouncycastle"), issued.key().getClass()
                .getName());
        assertEquals(spec.algorithm(), Keys.algorithm(issued.key()));
        assertTrue(TlsClient.signsFor(issued.key(), certificate));

        // A TLS client that trusts it connects to its name (PKIX, server authentication, the host name); JSSE
        // judges dates by the clock, so this one is issued now.
        ImportedCertificate live = SelfSigned.issue(request, Instant.now());
        TlsClient.assertAccepted(live.chain(), live.key(), live.leaf().certificate(), "www.example.test",
                Instant.now());
    }

    @Test
    void hasTheExtensionsOfAServerCertificate() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test")
                .subjectAltNames(List.of("example.test", "192.0.2.1", "2001:db8::1")).build();
        X509Certificate certificate = SelfSigned.issue(request, NOW).leaf().certificate();

        assertEquals("CN=www.example.test", certificate.getIssuerX500Principal().getName());
        assertEquals("CN=www.example.test", certificate.getSubjectX500Principal().getName());
        assertEquals(List.of(dns("www.example.test"), dns("example.test"), ip("192.0.2.1"),
                ip("2001:db8:0:0:0:0:0:1")), subjectAltNames(certificate));
        assertEquals(List.of(SERVER_AUTH), certificate.getExtendedKeyUsage());

        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), certificate.getCriticalExtensionOIDs());
        assertEquals(Set.of("2.5.29.17", "2.5.29.37", "2.5.29.14", "2.5.29.35"),
                certificate.getNonCriticalExtensionOIDs());
        assertArrayEquals(subjectKeyIdentifier(certificate), authorityKeyIdentifier(certificate));
        assertEquals(-1, certificate.getBasicConstraints());
        assertEquals(3, certificate.getVersion());
    }

    @Test
    void aWildcardCommonNameCoversOneLabel() throws Exception {
        ImportedCertificate issued = SelfSigned.issue(CertificateRequest.of("*.Example.Test"), NOW);
        assertEquals("*.example.test", issued.leaf().commonName());
        assertEquals(List.of("*.example.test"), issued.leaf().hostNames());

        X509Certificate certificate = issued.leaf().certificate();
        assertEquals("CN=*.example.test", certificate.getSubjectX500Principal().getName());
        ImportedCertificate live = SelfSigned.issue(CertificateRequest.of("*.Example.Test"), Instant.now());
        TlsClient.assertAccepted(live.chain(), live.key(), live.leaf().certificate(), "app.example.test",
                Instant.now());
        Optional<String> twoLabels = TlsClient.refusal(live.chain(), live.key(), live.leaf().certificate(),
                "a.app.example.test", Instant.now());
        assertTrue(twoLabels.isPresent(), "a wildcard covers one label only");
        assertContains(twoLabels.get(), "No subject alternative DNS name matching a.app.example.test found");
    }

    @Test
    void theTlsClientOfTheseTestsRefusesAnotherRootAnotherNameAndAnExpiredCertificate() throws Exception {
        Instant now = Instant.now();
        ImportedCertificate issued = SelfSigned.issue(CertificateRequest.of("www.example.test"), now);
        X509Certificate other = SelfSigned.issue(CertificateRequest.of("www.example.test"), now).leaf().certificate();
        X509Certificate self = issued.leaf().certificate();
        assertTrue(TlsClient.refusal(issued.chain(), issued.key(), other, "www.example.test", now).isPresent());
        assertTrue(TlsClient.refusal(issued.chain(), issued.key(), self, "api.example.test", now).isPresent());
        assertTrue(TlsClient.refusal(issued.chain(), issued.key(), self, "192.0.2.1", now).isPresent());
        assertTrue(TlsClient.refusal(issued.chain(), issued.key(), self, "www.example.test",
                now.plus(Duration.ofDays(366))).isPresent());
        assertTrue(TlsClient.refusal(issued.chain(), issued.key(), self, "www.example.test", now).isEmpty());
    }

    @Test
    void anIpAddressBecomesAnIpAddressName() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("gateway.example.test")
                .subjectAltNames(List.of("10.0.0.7", "[fe80::1]")).build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        X509Certificate certificate = issued.leaf().certificate();
        assertEquals(List.of(dns("gateway.example.test"), ip("10.0.0.7"), ip("fe80:0:0:0:0:0:0:1")),
                subjectAltNames(certificate));
        ImportedCertificate live = SelfSigned.issue(request, Instant.now());
        for (String ip : List.of("10.0.0.7", "fe80::1")) {
            TlsClient.assertAccepted(live.chain(), live.key(), live.leaf().certificate(), ip, Instant.now());
        }
        // The IP address is not a host name the gateway serves by SNI.
        assertEquals(List.of("gateway.example.test"), issued.leaf().hostNames());
    }

    @Test
    void anInternationalisedNameIsWrittenInItsAsciiForm() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("Bücher.Example")
                .addSubjectAltName("*.bücher.example").build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        assertEquals(List.of(dns("xn--bcher-kva.example"), dns("*.xn--bcher-kva.example")),
                subjectAltNames(issued.leaf().certificate()));
        assertEquals("xn--bcher-kva.example", issued.leaf().commonName());
    }

    @Test
    void isValidFromFiveMinutesBeforeNowForTheDefaultYear() throws Exception {
        ImportedCertificate issued = SelfSigned.issue(CertificateRequest.of("www.example.test"), NOW);

        assertEquals(Instant.parse("2027-11-27T11:54:59Z"), issued.leaf().certificate().getNotAfter().toInstant());
        assertEquals(Instant.parse("2026-11-27T11:55:00Z"), issued.leaf().notBefore());
        assertEquals(Duration.ofDays(365), validity(issued.leaf().certificate()));
    }

    @Test
    void theLongestValidityIs825DaysCountingBothEnds() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test").validityDays(825)
                .build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        assertEquals(Instant.parse("2026-11-27T11:55:00Z"), issued.leaf().certificate().getNotBefore().toInstant());
        assertEquals(Instant.parse("2029-03-01T11:54:59Z"), issued.leaf().certificate().getNotAfter().toInstant());
        assertEquals(Duration.ofDays(825), validity(issued.leaf().certificate()));
    }

    @Test
    void serialNumbersAreRandom16BytePositiveNumbers() throws Exception {
        CertificateRequest request = CertificateRequest.of("www.example.test");
        X509Certificate first = SelfSigned.issue(request, NOW).leaf().certificate();
        X509Certificate second = SelfSigned.issue(request, NOW).leaf().certificate();

        assertNotEquals(first.getSerialNumber(), second.getSerialNumber());
        for (X509Certificate certificate : List.of(first, second)) {
            BigInteger serial = certificate.getSerialNumber();
            assertEquals(1, serial.signum());
            assertEquals(127, serial.bitLength());
            // as encoded: a DER INTEGER of 16 content bytes (what openssl prints as 16 colon-separated bytes)
            ASN1Integer encoded = ASN1Integer.getInstance(TBSCertificate.getInstance(certificate.getTBSCertificate())
                    .getSerialNumber());
            assertEquals(16, encoded.getValue().toByteArray().length);
            assertEquals(serial, encoded.getValue());
        }
    }

    @Test
    void eachIssueMakesANewKey() throws Exception {
        CertificateRequest request = CertificateRequest.of("www.example.test");
        ImportedCertificate first = SelfSigned.issue(request, NOW);
        ImportedCertificate second = SelfSigned.issue(request, NOW);
        assertNotEquals(first.leaf().certificate().getPublicKey(), second.leaf().certificate().getPublicKey());
        assertFalse(Keys.matches(first.key(), second.leaf().certificate().getPublicKey()));
    }

    @Test
    void isAcceptedByThePemImport() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test")
                .keySpec(KeySpec.RSA_2048).addSubjectAltName("api.example.test").build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        ImportedCertificate imported = PemImport.parse(issued.chainPem(), keyPem(issued.key()), NOW);

        assertEquals(issued.chain(), imported.chain());
        assertEquals(List.of("www.example.test", "api.example.test"), imported.leaf().hostNames());
        assertEquals(issued.leaf().fingerprintSha256(), imported.leaf().fingerprintSha256());
        assertTrue(Keys.matches(imported.key(), issued.leaf().certificate().getPublicKey()));
        assertEquals(List.of(), imported.warnings());
    }

    /** PKCS#8 PEM of a key, as openssl writes it (Pem has no key writer: keys leave certgate only sealed). */
    static String keyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    /** The subject alternative names in order, each as [type, value] (2: DNS name, 7: IP address). */
    static List<List<?>> subjectAltNames(X509Certificate certificate) throws Exception {
        return certificate.getSubjectAlternativeNames().stream().<List<?>>map(List::copyOf).toList();
    }

    static List<?> dns(String name) {
        return List.of(2, name);
    }

    static List<?> ip(String address) {
        return List.of(7, address);
    }

    static Duration validity(X509Certificate certificate) {
        // RFC 5280 counts notAfter as a valid second.
        return Duration.between(certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant())
                .plusSeconds(1);
    }

    static byte[] subjectKeyIdentifier(X509Certificate certificate) {
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue("2.5.29.14")).getOctets()).getKeyIdentifier();
    }

    static byte[] authorityKeyIdentifier(X509Certificate certificate) {
        AuthorityKeyIdentifier aki = AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(
                certificate.getExtensionValue("2.5.29.35")).getOctets());
        assertEquals(null, aki.getAuthorityCertIssuer(), "only a key identifier");
        return aki.getKeyIdentifierOctets();
    }

    static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected «" + expected + "» in «" + text + "»");
    }
}
