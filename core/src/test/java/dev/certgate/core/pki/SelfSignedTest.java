package dev.certgate.core.pki;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SelfSignedTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final String AT_NOW = Long.toString(NOW.getEpochSecond());
    private static final Pattern SERIAL = Pattern.compile("Serial Number: ((?:[0-9a-f]{2}:)*[0-9a-f]{2}) ");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(KeySpec.class)
    void issuesAServerCertificateForEachKeySpec(KeySpec spec) throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test").keySpec(spec).build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        String text = OpenSsl.text(dir, issued.leaf().certificate());
        String keyLine = spec.isRsa()
                ? "Public Key Algorithm: rsaEncryption Public-Key: (" + spec.bits() + " bit)"
                : "Public Key Algorithm: id-ecPublicKey Public-Key: (" + spec.bits() + " bit)";
        assertContains(text, keyLine);
        assertContains(text, switch (spec) {
            case EC_P256 -> "NIST CURVE: P-256";
            case EC_P384 -> "NIST CURVE: P-384";
            case RSA_2048, RSA_3072, RSA_4096 -> "Exponent: 65537";
        });
        assertContains(text, "Signature Algorithm: " + switch (spec) {
            case EC_P256 -> "ecdsa-with-SHA256";
            case EC_P384 -> "ecdsa-with-SHA384";
            case RSA_2048, RSA_3072, RSA_4096 -> "sha256WithRSAEncryption";
        });
        assertContains(text, spec.isRsa()
                ? "X509v3 Key Usage: critical Digital Signature, Key Encipherment X509v3 Extended Key Usage:"
                : "X509v3 Key Usage: critical Digital Signature X509v3 Extended Key Usage:");

        // The key handed back is the JDK's own, and it is the certificate's (as openssl sees it too).
        assertFalse(issued.key().getClass().getName().startsWith("org.bouncycastle"), issued.key().getClass()
                .getName());
        assertEquals(spec.algorithm(), Keys.algorithm(issued.key()));
        Path cert = OpenSsl.write(dir, "self.pem", issued.chainPem());
        Path key = OpenSsl.write(dir, "self.key.pem", OpenSsl.keyPem(issued.key()));
        assertEquals(openssl("x509", "-noout", "-pubkey", "-in", cert.toString()),
                openssl("pkey", "-pubout", "-in", key.toString()));

        assertEquals(cert + ": OK\n", openssl("verify", "-x509_strict", "-purpose", "sslserver", "-attime", AT_NOW,
                "-verify_hostname", "www.example.test", "-CAfile", cert.toString(), cert.toString()));
    }

    @Test
    void hasTheExtensionsOfAServerCertificate() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test")
                .subjectAltNames(List.of("example.test", "192.0.2.1", "2001:db8::1")).build();
        X509Certificate certificate = SelfSigned.issue(request, NOW).leaf().certificate();

        String text = OpenSsl.text(dir, certificate);
        assertContains(text, "Issuer: CN = www.example.test Validity");
        assertContains(text, "Subject: CN = www.example.test Subject Public Key Info");
        assertContains(text, "X509v3 Subject Alternative Name: DNS:www.example.test, DNS:example.test, "
                + "IP Address:192.0.2.1, IP Address:2001:DB8:0:0:0:0:0:1 X509v3 Key Usage: critical");
        assertContains(text, "X509v3 Extended Key Usage: TLS Web Server Authentication X509v3");
        assertContains(text, "X509v3 Basic Constraints: critical CA:FALSE X509v3");
        assertContains(text, "X509v3 Subject Key Identifier:");
        assertContains(text, "X509v3 Authority Key Identifier:");

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

        Path cert = OpenSsl.write(dir, "wildcard.pem", issued.chainPem());
        assertContains(OpenSsl.text(dir, issued.leaf().certificate()),
                "Subject: CN = *.example.test Subject Public Key Info");
        assertEquals(cert + ": OK\n", openssl("verify", "-attime", AT_NOW, "-verify_hostname", "app.example.test",
                "-CAfile", cert.toString(), cert.toString()));
        OpenSsl.Result twoLabels = OpenSsl.run(dir, "verify", "-attime", AT_NOW, "-verify_hostname",
                "a.app.example.test", "-CAfile", cert.toString(), cert.toString());
        assertEquals(2, twoLabels.exitCode(), twoLabels.output());
        assertContains(twoLabels.output(), "hostname mismatch");
    }

    @Test
    void anIpAddressBecomesAnIpAddressName() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("gateway.example.test")
                .subjectAltNames(List.of("10.0.0.7", "[fe80::1]")).build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        Path cert = OpenSsl.write(dir, "ip.pem", issued.chainPem());
        assertContains(OpenSsl.text(dir, issued.leaf().certificate()),
                "X509v3 Subject Alternative Name: DNS:gateway.example.test, IP Address:10.0.0.7, "
                        + "IP Address:FE80:0:0:0:0:0:0:1 ");
        for (String ip : List.of("10.0.0.7", "fe80::1")) {
            assertEquals(cert + ": OK\n", openssl("verify", "-attime", AT_NOW, "-verify_ip", ip, "-CAfile",
                    cert.toString(), cert.toString()));
        }
        // The IP address is not a host name the gateway serves by SNI.
        assertEquals(List.of("gateway.example.test"), issued.leaf().hostNames());
    }

    @Test
    void anInternationalisedNameIsWrittenInItsAsciiForm() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("Bücher.Example")
                .addSubjectAltName("*.bücher.example").build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        assertContains(OpenSsl.text(dir, issued.leaf().certificate()),
                "X509v3 Subject Alternative Name: DNS:xn--bcher-kva.example, DNS:*.xn--bcher-kva.example ");
        assertEquals("xn--bcher-kva.example", issued.leaf().commonName());
    }

    @Test
    void isValidFromFiveMinutesBeforeNowForTheDefaultYear() throws Exception {
        ImportedCertificate issued = SelfSigned.issue(CertificateRequest.of("www.example.test"), NOW);

        assertContains(OpenSsl.text(dir, issued.leaf().certificate()),
                "Not Before: Nov 27 11:55:00 2026 GMT Not After : Nov 27 11:54:59 2027 GMT");
        assertEquals(Instant.parse("2026-11-27T11:55:00Z"), issued.leaf().notBefore());
        assertEquals(Duration.ofDays(365), validity(issued.leaf().certificate()));
    }

    @Test
    void theLongestValidityIs825DaysCountingBothEnds() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("www.example.test").validityDays(825)
                .build();
        ImportedCertificate issued = SelfSigned.issue(request, NOW);

        assertContains(OpenSsl.text(dir, issued.leaf().certificate()),
                "Not Before: Nov 27 11:55:00 2026 GMT Not After : Mar 1 11:54:59 2029 GMT");
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
            Matcher printed = SERIAL.matcher(OpenSsl.text(dir, certificate));
            assertTrue(printed.find());
            assertEquals(16, printed.group(1).split(":").length, printed.group(1));
            assertEquals(serial, new BigInteger(printed.group(1).replace(":", ""), 16));
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

        ImportedCertificate imported = PemImport.parse(issued.chainPem(), OpenSsl.keyPem(issued.key()), NOW);

        assertEquals(issued.chain(), imported.chain());
        assertEquals(List.of("www.example.test", "api.example.test"), imported.leaf().hostNames());
        assertEquals(issued.leaf().fingerprintSha256(), imported.leaf().fingerprintSha256());
        assertTrue(Keys.matches(imported.key(), issued.leaf().certificate().getPublicKey()));
        assertEquals(List.of(), imported.warnings());
    }

    private String openssl(String... arguments) {
        OpenSsl.Result result = OpenSsl.run(dir, arguments);
        assertEquals(0, result.exitCode(), result.output());
        return result.output();
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
        return aki.getKeyIdentifier();
    }

    static void assertContains(String text, String expected) {
        assertTrue(text.contains(expected), () -> "expected «" + expected + "» in «" + text + "»");
    }
}
