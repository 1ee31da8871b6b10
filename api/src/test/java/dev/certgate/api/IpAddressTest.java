package dev.certgate.api;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IpAddressTest {

    @Test
    void ipv4IsKeptAsFourDecimalNumbers() {
        assertEquals("203.0.113.7", IpAddress.of(" 203.0.113.7 ").toString());
        assertFalse(IpAddress.of("203.0.113.7").isIpv6());
        assertEquals("7.113.0.203.in-addr.arpa", IpAddress.of("203.0.113.7").reverseDnsName());
        assertEquals("203.0.113.7", IpAddress.of("203.0.113.7").uriHost());
    }

    @Test
    void ipv6IsWrittenAsRfc5952Does() {
        assertEquals("2001:db8::1", IpAddress.of("2001:DB8:0:0:0:0:0:1").toString());
        assertEquals("2001:db8::1", IpAddress.of("[2001:db8::1]").toString());
        assertEquals("2001:db8:0:1:1:1:1:1", IpAddress.of("2001:db8:0:1:1:1:1:1").toString(), "one zero group stays");
        assertEquals("2001:0:0:1::1", IpAddress.of("2001:0:0:1:0:0:0:1").toString(), "the longest run");
        assertEquals("2001:db8::1:0:0:1", IpAddress.of("2001:db8:0:0:1:0:0:1").toString(), "the first of equals");
        assertEquals("::1", IpAddress.of("0:0:0:0:0:0:0:1").toString());
        assertEquals("::", IpAddress.of("::").toString());
        assertEquals("[2001:db8::1]", IpAddress.of("2001:db8::1").uriHost());
        assertTrue(IpAddress.of("2001:db8::1").isIpv6());
        assertEquals("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa",
                IpAddress.of("2001:db8::1").reverseDnsName());
    }

    @Test
    void namesAndMalformedLiteralsAreNoAddressAndNeverLookedUp() {
        for (String text : List.of("", " ", "example.com", "1.2.3", "1.2.3.256", "01.2.3.4", "1.2.3.4.5",
                "2001:db8::1%eth0", "::ffff:192.0.2.1", "2001:db8:::1", "localhost", "1.2.3.4:80")) {
            assertTrue(IpAddress.read(text).isEmpty(), text);
        }
        assertTrue(IpAddress.read(null).isEmpty());
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> IpAddress.parse("1.2.3.256", "name", "domain"));
        assertEquals("name", refused.field());
        assertTrue(refused.getMessage().startsWith("The domain 1.2.3.256 is not an IP address."), refused.getMessage());
    }

    @Test
    void aHostNameIsNeverAnAddressNorTheOtherWayRound() {
        assertTrue(HostName.read("203.0.113.7").problem() != null, "HostName refuses an IPv4 address");
        assertTrue(HostName.read("2001:db8::1").problem() != null, "and an IPv6 one");
        assertTrue(IpAddress.read("www.example.com").isEmpty());
    }

    @Test
    void equalityOrderAndSerializationKeepTheCanonicalForm() throws Exception {
        assertEquals(IpAddress.of("2001:DB8::1"), IpAddress.of("2001:db8:0::1"));
        assertTrue(IpAddress.of("10.0.0.2").compareTo(IpAddress.of("10.0.0.10")) < 0);
        assertTrue(IpAddress.of("255.255.255.255").compareTo(IpAddress.of("::1")) < 0, "IPv4 first");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(IpAddress.of("2001:db8::7"));
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertEquals(IpAddress.of("2001:db8::7"), in.readObject());
        }
    }
}
