package dev.certgate.acme;

import com.sun.net.httpserver.HttpServer;
import dev.certgate.core.preflight.PreflightFindings.PortProbe;
import dev.certgate.core.preflight.PreflightFindings.PortProbe.Reach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HTTP-01 probe against small servers of the test's own on loopback (the gateway's side is AcmePreflightIT). */
class PreflightProbesTest {

    private static final String KEY_AUTHORIZATION = "token.thumbprint";

    private static HttpServer server(int status, String body, String serverHeader) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            if (serverHeader != null) {
                exchange.getResponseHeaders().add("Server", serverHeader);
            }
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void theTokensAnswerIsThisGatewayAndAnythingElseIsNamed() throws Exception {
        HttpServer ours = server(200, KEY_AUTHORIZATION, null);
        HttpServer other = server(404, "not here", "nginx/1.26.3");
        try {
            PortProbe reached = PreflightProbes.http01("a.example", "127.0.0.1", ours.getAddress().getPort(),
                    "token", KEY_AUTHORIZATION);
            assertEquals(Reach.THIS_GATEWAY, reached.reach(), reached.toString());
            PortProbe elsewhere = PreflightProbes.http01("a.example", "127.0.0.1", other.getAddress().getPort(),
                    "token", KEY_AUTHORIZATION);
            assertEquals(Reach.OTHER_SERVER, elsewhere.reach(), elsewhere.toString());
            assertEquals("HTTP 404, server \"nginx/1.26.3\"", elsewhere.detail());
        } finally {
            ours.stop(0);
            other.stop(0);
        }
    }

    @Test
    void aClosedPortIsRefusedAndAWrongAnswerIsNotThisGateway() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertEquals(Reach.REFUSED, PreflightProbes.http01("a.example", "127.0.0.1", closed, "token",
                KEY_AUTHORIZATION).reach());
        PortProbe wrong = PreflightProbes.judgeHttp("127.0.0.1", 80, "HTTP/1.1 200 OK\r\nServer: cdn\r\n\r\nother",
                KEY_AUTHORIZATION);
        assertEquals(Reach.OTHER_SERVER, wrong.reach());
        assertEquals("HTTP 200, server \"cdn\", not the probe's token", wrong.detail());
        assertEquals("HTTP 301, redirecting to https://elsewhere.example/", PreflightProbes.judgeHttp("127.0.0.1", 80,
                "HTTP/1.1 301 Moved\r\nLocation: https://elsewhere.example/\r\n\r\n", KEY_AUTHORIZATION).detail());
        assertEquals("it does not answer HTTP", PreflightProbes.judgeHttp("127.0.0.1", 80, "SSH-2.0-OpenSSH_9.6\r\n",
                KEY_AUTHORIZATION).detail());
    }
}
