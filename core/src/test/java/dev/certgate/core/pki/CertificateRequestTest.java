package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CertificateRequestTest {

    @Test
    void defaults() throws Exception {
        CertificateRequest request = CertificateRequest.of("www.example.test");
        assertEquals("www.example.test", request.commonName());
        assertEquals(List.of("www.example.test"), request.dnsNames());
        assertEquals(List.of(), request.ipAddresses());
        assertEquals(KeySpec.EC_P256, request.keySpec());
        assertEquals(365, request.validityDays());
    }

    @Test
    void theCommonNameIsTheFirstAlternativeNameAndNoNameRepeats() throws Exception {
        CertificateRequest request = CertificateRequest.builder()
                .subjectAltNames(List.of(" EXAMPLE.test. ", "www.example.test", "example.test", "192.0.2.1",
                        "192.0.2.1", "[2001:DB8::1]", "2001:db8:0::1"))
                .commonName("Example.Test")
                .build();
        assertEquals("example.test", request.commonName());
        assertEquals(List.of("example.test", "www.example.test"), request.dnsNames());
        assertEquals(List.of(InetAddress.getByName("192.0.2.1"), InetAddress.getByName("2001:db8::1")),
                request.ipAddresses());
    }

    @Test
    void aNewListOfAlternativeNamesReplacesTheOld() throws Exception {
        CertificateRequest request = CertificateRequest.builder().commonName("example.test")
                .addSubjectAltName("old.example.test").subjectAltNames(List.of("new.example.test")).build();
        assertEquals(List.of("example.test", "new.example.test"), request.dnsNames());
    }

    @Test
    void aRefusedListChangesNothing() throws Exception {
        CertificateRequest.Builder builder = CertificateRequest.builder().commonName("example.test")
                .addSubjectAltName("kept.example.test");
        assertThrows(BadInputException.class,
                () -> builder.subjectAltNames(List.of("new.example.test", "bad name")));
        assertEquals(List.of("example.test", "kept.example.test"), builder.build().dnsNames());
    }

    @Test
    void aBuilderCanBeReusedWithoutChangingWhatItBuilt() throws Exception {
        CertificateRequest.Builder builder = CertificateRequest.builder().commonName("example.test");
        CertificateRequest first = builder.build();
        builder.addSubjectAltName("www.example.test").validityDays(30);
        assertEquals(List.of("example.test"), first.dnsNames());
        assertEquals(365, first.validityDays());
        assertEquals(List.of("example.test", "www.example.test"), builder.build().dnsNames());
    }

    @Test
    void internationalisedNamesBecomePunycode() throws Exception {
        assertEquals("xn--bcher-kva.example", CertificateRequest.of("BÜCHER.example").commonName());
        assertEquals("*.xn--mnchen-3ya.example", CertificateRequest.of("*.münchen.example").commonName());
        assertEquals("localhost", CertificateRequest.of("localhost").commonName());
    }

    @Test
    void theValidityIsBetweenOneAnd825Days() throws Exception {
        assertEquals(1, CertificateRequest.builder().commonName("a.test").validityDays(1).build().validityDays());
        assertEquals(825, CertificateRequest.builder().commonName("a.test").validityDays(825).build()
                .validityDays());
        for (int days : new int[]{0, -1, 826}) {
            assertRefused("validityDays", "The validity must be between 1 and 825 days; " + days + " was given. "
                            + "825 days is the longest that Apple devices accept for a server certificate.",
                    () -> CertificateRequest.builder().validityDays(days));
        }
    }

    @Test
    void theCommonNameIsRequired() {
        String message = "The common name is required. Enter the host name the certificate is for, for example "
                + "www.example.com or *.example.com.";
        assertRefused("commonName", message, () -> CertificateRequest.builder().build());
        assertRefused("commonName", message, () -> CertificateRequest.of(null));
        assertRefused("commonName", message, () -> CertificateRequest.of("  "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"exa mple.test", "example..test", "-a.example.test", "a-.example.test", "a_b.example.test",
            ".example.test", "example.test/path", "https://example.test",
            "a234567890123456789012345678901234567890123456789012345678901234.test"})
    void refusesACommonNameThatIsNoHostName(String name) {
        assertRefused("commonName", "The common name " + name.strip() + " is not a host name. Use letters, digits "
                        + "and hyphens in labels separated by dots, as in www.example.com, or a wildcard such as "
                        + "*.example.com.",
                () -> CertificateRequest.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "a*.example.test", "*.*.example.test", "www.*.example.test", "*example.test"})
    void refusesAWildcardBrowsersDoNotAccept(String name) {
        assertRefused("commonName", "The common name " + name + " has a wildcard that browsers do not accept. A "
                        + "wildcard must be the whole first label, followed by a domain, as in *.example.com.",
                () -> CertificateRequest.of(name));
    }

    @Test
    void refusesAnIpAddressAsCommonName() {
        assertRefused("commonName", "The common name 192.0.2.1 is an IP address. Use a host name as the common name "
                        + "and put the IP address in the alternative names.",
                () -> CertificateRequest.of("192.0.2.1"));
        assertRefused("commonName", "The common name ::1 is an IP address. Use a host name as the common name "
                        + "and put the IP address in the alternative names.",
                () -> CertificateRequest.of("::1"));
    }

    @Test
    void refusesANameEndingInANumber() {
        assertRefused("commonName", "The common name 192.0.2.256 ends in a number, so it is neither a host name "
                + "nor a valid IP address.", () -> CertificateRequest.of("192.0.2.256"));
    }

    @Test
    void refusesACommonNameLongerThanASubjectHolds() throws Exception {
        String name = "a".repeat(30) + "." + "b".repeat(30) + ".test"; // 66 characters
        assertRefused("commonName", "The common name " + name + " is 66 characters long; a certificate's subject "
                        + "holds at most 64. Use a shorter name as the common name and put this one in the "
                        + "alternative names.",
                () -> CertificateRequest.of(name));
        CertificateRequest request = CertificateRequest.builder().commonName("example.test").addSubjectAltName(name)
                .build();
        assertEquals(List.of("example.test", name), request.dnsNames());
    }

    @Test
    void refusesBadAlternativeNames() {
        assertRefused("subjectAltNames", "An alternative name is empty. Enter a host name, a wildcard such as "
                        + "*.example.com, or an IP address, or remove the empty entry.",
                () -> CertificateRequest.builder().subjectAltNames(List.of("a.test", " ")));
        assertRefused("subjectAltNames", "An alternative name is empty. Enter a host name, a wildcard such as "
                        + "*.example.com, or an IP address, or remove the empty entry.",
                () -> CertificateRequest.builder().subjectAltNames(Arrays.asList("a.test", null)));
        assertRefused("subjectAltNames", "The alternative name not a name! is not a host name. Use letters, digits "
                        + "and hyphens in labels separated by dots, as in www.example.com, or a wildcard such as "
                        + "*.example.com.",
                () -> CertificateRequest.builder().addSubjectAltName("not a name!"));
        assertRefused("subjectAltNames", "The alternative name *. has a wildcard that browsers do not accept. A "
                        + "wildcard must be the whole first label, followed by a domain, as in *.example.com.",
                () -> CertificateRequest.builder().addSubjectAltName("*."));
        assertRefused("subjectAltNames", "The alternative name 2001:db8::12345 is not a valid IP address. Write IPv4 as "
                        + "192.0.2.1 and IPv6 as 2001:db8::1.",
                () -> CertificateRequest.builder().addSubjectAltName("2001:db8::12345"));
        assertRefused("subjectAltNames", "The alternative name 1::2::3 is not a valid IP address. Write IPv4 as "
                        + "192.0.2.1 and IPv6 as 2001:db8::1.",
                () -> CertificateRequest.builder().addSubjectAltName("1::2::3"));
        assertRefused("subjectAltNames", "The alternative name fe80::1%eth0 is an IPv6 address with a zone (the "
                        + "part after %), which a certificate cannot hold. Remove the zone.",
                () -> CertificateRequest.builder().addSubjectAltName("fe80::1%eth0"));
    }

    @Test
    void aCertificateHoldsAtMost100Names() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= 99; i++) {
            names.add("host" + i + ".example.test");
        }
        CertificateRequest.Builder builder = CertificateRequest.builder().commonName("example.test")
                .subjectAltNames(names);
        assertEquals(100, builder.build().dnsNames().size());
        builder.addSubjectAltName("192.0.2.1");
        assertRefused("subjectAltNames", "A certificate can hold at most 100 names (the common name and the "
                + "alternative names together); this one would hold 101. Split them over several certificates.",
                builder::build);
    }

    @Test
    void keySpecsAreNamedAsInTheRestContract() throws Exception {
        assertEquals(List.of("EC_P256", "EC_P384", "RSA_2048", "RSA_3072", "RSA_4096"),
                Arrays.stream(KeySpec.values()).map(Enum::name).toList());
        assertEquals(Arrays.stream(dev.certgate.api.KeyType.values()).map(Enum::name).toList(),
                Arrays.stream(KeySpec.values()).map(Enum::name).toList(), "one spec for each key type of the API");
        for (dev.certgate.api.KeyType type : dev.certgate.api.KeyType.values()) {
            assertEquals(type, KeySpec.forType(type).type());
        }
        assertEquals(KeySpec.RSA_3072, KeySpec.of("RSA_3072"));
        assertEquals(KeySpec.EC_P384, KeySpec.of(" ec_p384 "));
        assertEquals(KeySpec.EC_P256, KeySpec.of(null));
        assertEquals(KeySpec.EC_P256, KeySpec.of(""));
        assertRefused("keySpec", "The key type \"DSA_1024\" is not supported. Choose one of EC_P256, EC_P384, "
                + "RSA_2048, RSA_3072, RSA_4096.", () -> KeySpec.of("DSA_1024"));
    }

    @Test
    void equalRequestsAreEqual() throws Exception {
        CertificateRequest a = CertificateRequest.builder().commonName("example.test").addSubjectAltName("10.0.0.1")
                .build();
        CertificateRequest b = CertificateRequest.builder().commonName("EXAMPLE.test.").addSubjectAltName("10.0.0.1")
                .build();
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals("CertificateRequest[[example.test], [10.0.0.1], EC_P256, 365 days]", a.toString());
    }

    private static void assertRefused(String field, String message, Executable executable) {
        BadInputException e = assertThrows(BadInputException.class, executable);
        assertEquals(message, e.getMessage());
        assertEquals(field, e.field());
    }
}
