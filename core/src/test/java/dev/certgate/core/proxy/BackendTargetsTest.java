package dev.certgate.core.proxy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14 point 5: no backend reaches this server itself unless an admin allows it. */
class BackendTargetsTest {

    private static final BackendTargets.Server SERVER;

    static {
        try {
            SERVER = new BackendTargets.Server(Set.of(8080, 9990, 9443, 9080),
                    Set.of(InetAddress.getByName("192.0.2.10")));
        } catch (java.net.UnknownHostException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Optional<String> refusal(String host, int port, BackendTargets.Allowed allowed, String... addresses)
            throws Exception {
        List<InetAddress> resolved = new java.util.ArrayList<>();
        for (String address : addresses) {
            resolved.add(InetAddress.getByName(address));
        }
        return BackendTargets.refusal("http://" + host + ":" + port, host, port, resolved, SERVER, allowed,
                "x.allow-local", "x.allow-own-ports");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0.0.0.0", "::", "169.254.169.254", "fe80::1",
            "::ffff:127.0.0.1", "::127.0.0.1"})
    void loopbackUnspecifiedAndLinkLocalAddressesAreRefusedByDefault(String address) throws Exception {
        String host = address.contains(":") ? "[" + address + "]" : address;
        String refused = refusal(host, 9000, BackendTargets.Allowed.NONE, address).orElseThrow();
        assertTrue(refused.startsWith("The backend http://" + host + ":9000 is on the "), refused);
        assertTrue(refused.endsWith("an admin allows loopback and link-local backends with the setting "
                + "x.allow-local=true."), refused);
        assertEquals(Optional.empty(), refusal(host, 9000, new BackendTargets.Allowed(true, false), address));
    }

    @Test
    void aNameIsJudgedByTheAddressesItResolvesTo() throws Exception {
        String refused = refusal("app.internal.example", 9000, BackendTargets.Allowed.NONE, "10.0.0.5", "127.0.0.1")
                .orElseThrow();
        assertTrue(refused.contains("is on the loopback address 127.0.0.1 (app.internal.example)"), refused);
        assertTrue(refusal("localhost", 9000, BackendTargets.Allowed.NONE).isPresent(), "localhost, unresolved");
        assertTrue(refusal("api.localhost", 9000, BackendTargets.Allowed.NONE).isPresent(), "RFC 6761");
        assertEquals(Optional.empty(), refusal("app.internal.example", 9000, BackendTargets.Allowed.NONE,
                "10.0.0.5"));
        assertEquals(Optional.empty(), refusal("unknown.example", 9000, BackendTargets.Allowed.NONE));
    }

    @Test
    void thisServersOwnPortsOnThisMachineAreRefusedEvenWhenLoopbackIsAllowed() throws Exception {
        BackendTargets.Allowed local = new BackendTargets.Allowed(true, false);
        for (int port : List.of(8080, 9990, 9443, 9080)) {
            String refused = refusal("127.0.0.1", port, local, "127.0.0.1").orElseThrow();
            assertTrue(refused.startsWith("The backend http://127.0.0.1:" + port + " is this server's own port "
                    + port), refused);
            assertTrue(refused.endsWith("with the setting x.allow-own-ports=true."), refused);
            assertTrue(refusal("192.0.2.10", port, BackendTargets.Allowed.NONE, "192.0.2.10").isPresent(),
                    "its own address");
            assertTrue(refusal("0.0.0.0", port, local, "0.0.0.0").isPresent());
            assertEquals(Optional.empty(), refusal("10.0.0.5", port, BackendTargets.Allowed.NONE, "10.0.0.5"),
                    "another machine's port of the same number");
            assertEquals(Optional.empty(), refusal("127.0.0.1", port, new BackendTargets.Allowed(true, true),
                    "127.0.0.1"));
        }
        assertEquals(Optional.empty(), refusal("127.0.0.1", 9000, local, "127.0.0.1"));
        assertTrue(refusal("169.254.1.1", 9990, local, "169.254.1.1").isEmpty(),
                "link-local is another machine's: its own ports are not this server's");
    }
}
