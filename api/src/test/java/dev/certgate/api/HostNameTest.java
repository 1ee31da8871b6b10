package dev.certgate.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostNameTest {

    @Test
    void aHostIsCoveredByItselfAndByTheWildcardOneLabelUp() {
        assertEquals(List.of("www.example.com", "*.example.com"), HostName.coveringNames("www.example.com"));
        assertTrue(HostName.covers(List.of("*.example.com"), "api.example.com"));
        assertTrue(HostName.covers(List.of("api.example.com"), "api.example.com"));
    }

    @Test
    void aWildcardReachesOneLabelOnly() {
        assertFalse(HostName.covers(List.of("*.example.com"), "a.b.example.com"));
        assertFalse(HostName.covers(List.of("*.example.com"), "example.com"));
    }

    @Test
    void aWildcardHostIsCoveredByThatWildcardOnly() {
        assertEquals(List.of("*.example.com"), HostName.coveringNames("*.example.com"));
        assertFalse(HostName.covers(List.of("www.example.com"), "*.example.com"));
        assertTrue(HostName.covers(List.of("*.example.com"), "*.example.com"));
    }

    @Test
    void aSingleLabelHasNoWildcardAbove() {
        assertEquals(List.of("localhost"), HostName.coveringNames("localhost"));
    }

    @Test
    void aWildcardIsNeverOverASingleLabel() {
        assertEquals(List.of("example.com"), HostName.of("example.com").coveringNames(), "no *.com");
        assertFalse(HostName.of("example.com").isCoveredBy(List.of("*.com")));
        assertEquals(List.of("a.example.com", "*.example.com"), HostName.of("a.example.com").coveringNames());
    }

    @Test
    void anInternationalisedNameIsKeptAsItsALabel() throws Exception {
        assertEquals("xn--bcher-kva.example", HostName.parse("Bücher.example", "domains", "domain").toString());
        assertEquals(HostName.of("xn--bcher-kva.example"), HostName.of("BÜCHER.example"));
        assertEquals("*.xn--bcher-kva.example", HostName.of("*.bücher.example").toString());
        assertEquals("xn--mnchen-3ya.xn--bcher-kva.example", HostName.of("münchen.bücher.example.").toString());
    }

    @Test
    void aSpaceOrAnEmptyLabelIsRefusedWithOneMessage() {
        String expected = " is not a host name. Use letters, digits and hyphens in labels separated by dots, as in "
                + "www.example.com, or a wildcard such as *.example.com.";
        for (String bad : List.of("a b.example.com", "a..example.com", ".example.com", "a.example..", "-a.example",
                "a-.example", "a_b.example", "http://example.com", "example.com:443")) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> HostName.parse(bad, "domains", "domain"), bad);
            assertEquals("The domain " + bad + expected, e.getMessage(), bad);
            assertEquals("domains", e.field());
            assertTrue(HostName.fromWire(bad).isEmpty(), bad);
        }
    }

    @Test
    void namesFromTheWireAreReadAsUserInputIs() {
        assertEquals(HostName.of("www.example.com"), HostName.fromWire("WWW.Example.COM.").orElseThrow());
        assertTrue(HostName.fromWire(null).isEmpty(), "no SNI");
        assertTrue(HostName.fromWire("").isEmpty());
        assertTrue(HostName.fromWire("192.0.2.1").isEmpty(), "an IP address is no host name");
    }

    @Test
    void jsonReadsADomainAsParseDoes() throws Exception {
        HostName.Json json = new HostName.Json();
        assertEquals("xn--bcher-kva.example", json.adaptToJson(json.adaptFromJson("Bücher.Example")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> json.adaptFromJson("a b.test"));
        assertEquals(HostName.JSON_FIELD, e.field());
        assertEquals("The domain a b.test is not a host name. Use letters, digits and hyphens in labels separated "
                + "by dots, as in www.example.com, or a wildcard such as *.example.com.", e.getMessage());
    }

    @Test
    void isNormalisedOnceWhenMade() {
        HostName name = HostName.of("  WWW.Bücher.Example. ");
        assertEquals("www.xn--bcher-kva.example", name.toString());
        assertEquals(HostName.of("www.xn--bcher-kva.example"), name);
        assertEquals(name.hashCode(), HostName.of("www.XN--BCHER-KVA.example").hashCode());
        assertFalse(name.isWildcard());
        assertTrue(HostName.of("*.Example.com").isWildcard());
        assertEquals("*.example.com", HostName.of("*.Example.com").toString());
        assertNotEquals(HostName.of("example.com"), HostName.of("*.example.com"));
        assertTrue(HostName.of("a.example.com").compareTo(HostName.of("b.example.com")) < 0);
    }

    @Test
    void coversAsTheStaticHelpersDo() {
        HostName www = HostName.of("www.example.com");
        assertEquals(List.of("www.example.com", "*.example.com"), www.coveringNames());
        assertTrue(www.isCoveredBy(List.of("*.example.com")));
        assertFalse(HostName.of("a.b.example.com").isCoveredBy(List.of("*.example.com")));
    }

    @Test
    void refusesWhatIsNoHostNameWithTheMessageOfEachProblem() {
        assertEquals(HostName.Problem.EMPTY, HostName.read("  ").problem());
        assertEquals(HostName.Problem.MISPLACED_WILDCARD, HostName.read("www.*.example.com").problem());
        assertEquals(HostName.Problem.NOT_A_HOST_NAME, HostName.read("a_b.example.com").problem());
        assertEquals(HostName.Problem.NOT_A_HOST_NAME, HostName.read("http://example.com").problem());
        assertEquals(HostName.Problem.ENDS_IN_NUMBER, HostName.read("192.0.2.300").problem());
        assertEquals(HostName.Problem.TOO_LONG, HostName.read(("a".repeat(60) + ".").repeat(5) + "com").problem());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HostName.of("a_b.test"));
        assertEquals("The host name a_b.test is not a host name. Use letters, digits and hyphens in labels "
                + "separated by dots, as in www.example.com, or a wildcard such as *.example.com.", e.getMessage());
    }

    @Test
    void parsesUserInputForAField() throws Exception {
        assertEquals("www.example.com", HostName.normalise(" WWW.Example.com ", "domain", "domain"));
        InvalidInputException empty = assertThrows(InvalidInputException.class,
                () -> HostName.parse(" ", "domains", "domain"));
        assertEquals("domains", empty.field());
        assertEquals("The domain is empty. Enter a host name such as www.example.com, or a wildcard such as "
                + "*.example.com.", empty.getMessage());
        InvalidInputException wildcard = assertThrows(InvalidInputException.class,
                () -> HostName.parse("Www.*.Example.com", "host", "host name"));
        assertEquals("The host name www.*.example.com has a wildcard that browsers do not accept. A wildcard must "
                + "be the whole first label, followed by a domain, as in *.example.com.", wildcard.getMessage());
        InvalidInputException idn = assertThrows(InvalidInputException.class,
                () -> HostName.parse("a..b", "host", "host name"));
        assertEquals("host", idn.field());
        assertInstanceOf(IllegalArgumentException.class, idn.getCause(), "the IDN conversion's reason, chained");
    }

    @Test
    void survivesSerialisationAndRefusesAForgedName() throws Exception {
        HostName name = HostName.of("www.example.com");
        assertEquals(name, roundTrip(serialise(name)));
        byte[] forged = serialise(HostName.of("wwwwexample.com"));
        String text = new String(forged, java.nio.charset.StandardCharsets.ISO_8859_1)
                .replace("wwwwexample.com", "WWW_EXAMPLE.COM");
        assertThrows(java.io.InvalidObjectException.class,
                () -> roundTrip(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
    }

    private static byte[] serialise(HostName name) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(name);
        }
        return bytes.toByteArray();
    }

    private static Object roundTrip(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return in.readObject();
        }
    }
}
