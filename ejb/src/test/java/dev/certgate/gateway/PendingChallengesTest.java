package dev.certgate.gateway;

import dev.certgate.api.ChallengeType;
import dev.certgate.core.sni.SniSnapshot;
import io.undertow.server.HttpHandler;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pending ACME challenges the gateway answers from its snapshot: by token (HTTP-01) and by name (TLS-ALPN-01),
 * never after they expire; and answered by the real gateway listener on its I/O thread, with no store behind it.
 */
class PendingChallengesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");

    private static PendingChallenges.Pending pending(ChallengeType type, String token, String domain, String answer,
                                                     Duration left) {
        return new PendingChallenges.Pending(type, token, domain, answer, NOW.plus(left));
    }

    @Test
    void answersByTokenAndByNameUntilTheyExpire() {
        PendingChallenges challenges = PendingChallenges.of(List.of(
                pending(ChallengeType.HTTP_01, "tok-1", "a.example.test", "tok-1.thumb", Duration.ofMinutes(10)),
                pending(ChallengeType.TLS_ALPN_01, "tok-2", "b.example.test", "tok-2.thumb", Duration.ofMinutes(10)),
                pending(ChallengeType.HTTP_01, "tok-3", "c.example.test", "tok-3.thumb", Duration.ofSeconds(1))));
        assertEquals(Optional.of("tok-1.thumb"), challenges.http01("tok-1", NOW));
        assertEquals(Optional.of("tok-2.thumb"), challenges.tlsAlpn01("b.example.test", NOW));
        assertEquals(Optional.empty(), challenges.http01("tok-2", NOW), "a TLS-ALPN-01 token is no HTTP-01 answer");
        assertEquals(Optional.empty(), challenges.tlsAlpn01("a.example.test", NOW), "nor an HTTP-01 name TLS-ALPN");
        assertEquals(Optional.of("tok-3.thumb"), challenges.http01("tok-3", NOW));
        assertEquals(Optional.empty(), challenges.http01("tok-3", NOW.plusSeconds(1)), "expired");
        assertEquals(Optional.empty(), challenges.http01("unknown", NOW));
        assertEquals(Optional.empty(), challenges.http01(null, NOW));
        assertEquals(Optional.empty(), challenges.tlsAlpn01(null, NOW));
        assertEquals(3, challenges.size());
    }

    @Test
    void forANameWithTwoTlsAlpnChallengesTheOneAnsweringLongestWins() {
        PendingChallenges challenges = PendingChallenges.of(List.of(
                pending(ChallengeType.TLS_ALPN_01, "old", "b.example.test", "old.thumb", Duration.ofMinutes(1)),
                pending(ChallengeType.TLS_ALPN_01, "new", "b.example.test", "new.thumb", Duration.ofMinutes(10)),
                pending(ChallengeType.DNS_01, "dns", "d.example.test", "dns.thumb", Duration.ofMinutes(10))));
        assertEquals(Optional.of("new.thumb"), challenges.tlsAlpn01("b.example.test", NOW));
        assertEquals(Optional.empty(), challenges.tlsAlpn01("d.example.test", NOW), "DNS-01 is answered in DNS");
        assertEquals(1, challenges.size());
    }

    /**
     * Through the real listener: the answer comes from the state's challenges on the I/O thread (the handler no
     * longer dispatches to a worker for a database read), a replaced state is answered at once, a miss is a 404.
     */
    @Test
    void theGatewayAnswersFromItsStateOnTheIoThread() throws Exception {
        AtomicReference<GatewayState> state = new AtomicReference<>(new GatewayState(SniSnapshot.empty(),
                Routes.none(), PendingChallenges.none()));
        AtomicBoolean answeredOnIoThread = new AtomicBoolean();
        GatewayHandler gateway = new GatewayHandler(state::get, new Proxies(Duration.ofSeconds(2),
                Duration.ofSeconds(5)), token -> state.get().challenges().http01(token, Instant.now()), 443);
        HttpHandler recording = exchange -> {
            answeredOnIoThread.set(exchange.isInIoThread());
            gateway.handleRequest(exchange);
        };
        try (TestGateway listener = TestGateway.start(GatewayLimits.defaults(), recording)) {
            assertTrue(get(listener, "tok-1").startsWith("HTTP/1.1 404"), "not yet published");
            state.set(new GatewayState(SniSnapshot.empty(), Routes.none(), PendingChallenges.of(List.of(
                    new PendingChallenges.Pending(ChallengeType.HTTP_01, "tok-1", "a.example.test", "tok-1.thumb",
                            Instant.now().plusSeconds(60))))));
            String answer = get(listener, "tok-1");
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("tok-1.thumb"), answer);
            assertTrue(answeredOnIoThread.get(), "answered on the I/O thread");
            assertTrue(get(listener, "tok-2").startsWith("HTTP/1.1 404"));
            assertFalse(get(listener, "a/b").startsWith("HTTP/1.1 200"));
        }
    }

    private static String get(TestGateway gateway, String token) throws IOException {
        try (Socket socket = gateway.plain(TestGateway.LOOPBACK, gateway.httpPort)) {
            socket.getOutputStream().write(("GET /.well-known/acme-challenge/" + token + " HTTP/1.1\r\nHost: "
                    + "a.example.test\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
