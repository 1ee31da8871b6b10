package dev.certgate.gateway;

import dev.certgate.core.sni.SniFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A TLS-ALPN-01 validation handshake against the gateway's real Undertow listener, by a client that is not JSSE:
 * {@code openssl s_client} gets the validation certificate for a name with a pending challenge. Needs openssl, so it
 * runs in the {@code services} profile (failsafe), which bin/test turns on; {@link AcmeTlsAlpnTest} covers the rest
 * with JSSE alone.
 */
class AcmeTlsAlpnOpensslIT {

    private static GatewayListener listener;
    private static int httpsPort;

    @BeforeAll
    static void start() throws Exception {
        listener = AcmeTlsAlpnTest.startGateway(SniFixtures.served("ec"));
        httpsPort = listener.httpsAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (listener != null) {
            listener.stop();
        }
    }

    @Test
    void opensslSeesTheValidationCertificate() throws Exception {
        Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + httpsPort,
                "-servername", "pending.example.test", "-alpn", "acme-tls/1")
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "openssl s_client ends");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.contains("ALPN protocol: acme-tls/1"), out);
        assertTrue(out.contains("subject=CN = pending.example.test") || out.contains("subject=CN=pending.example.test"),
                out);
    }
}
