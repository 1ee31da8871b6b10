package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A WebSocket upgrade passes through the gateway's proxy: a real (minimal, RFC 6455) echo backend on loopback, a
 * client that speaks the protocol over the gateway's TLS port, one text message each way.
 */
class WebSocketProxyIT {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private ServerSocket backend;
    private Thread acceptor;

    @AfterEach
    void stop() throws IOException {
        if (backend != null) {
            backend.close();
        }
    }

    /** Accepts one connection, completes the WebSocket handshake, echoes one text frame as "echo: ...". */
    private String startEchoBackend() throws IOException {
        backend = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            try (Socket socket = backend.accept()) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                OutputStream out = socket.getOutputStream();
                String request = readHead(in);
                String key = header(request, "sec-websocket-key");
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                        .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String message = readFrame(in);
                writeFrame(out, "echo: " + message, false);
            } catch (Exception e) {
                // the test sees the missing echo
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + backend.getLocalPort();
    }

    @Test
    void aWebSocketIsProxiedBothWays() throws Exception {
        String host = "ws-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        CertgateApi.Answer certificate = CertgateApi.post("/certificates/self-signed", Map.of("commonName", host));
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", host);
        domain.put("certificateId", certificate.body().get("id").asText());
        domain.put("redirectHttps", false);
        domain.put("hsts", false);
        assertEquals(201, CertgateApi.post("/applications", Map.of("name", "app-" + host,
                "backends", List.of(startEchoBackend()), "domains", List.of(domain))).status());

        try (SSLSocket socket = TlsProbe.open(host)) {
            socket.setSoTimeout(10_000);
            String key = Base64.getEncoder().encodeToString(UUID.randomUUID().toString().substring(0, 16)
                    .getBytes(StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            out.write(("GET /chat HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            writeFrame(out, "hello through certgate", true);
            assertEquals("echo: hello through certgate", readFrame(in));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the headers: " + head);
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        throw new IllegalArgumentException("no " + name + " in " + head);
    }

    /** One unfragmented text frame (short payload), masked as clients must. */
    private static void writeFrame(OutputStream out, String text, boolean masked) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x81);
        out.write((masked ? 0x80 : 0) | payload.length);
        if (masked) {
            byte[] mask = {0x11, 0x22, 0x33, 0x44};
            out.write(mask);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        out.write(payload);
        out.flush();
    }

    private static String readFrame(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        int first = data.readUnsignedByte();
        int second = data.readUnsignedByte();
        if ((first & 0x0f) != 1 || (second & 0x7f) > 125) {
            throw new IOException("not a short text frame: " + first + "/" + second);
        }
        byte[] mask = new byte[4];
        if ((second & 0x80) != 0) {
            data.readFully(mask);
        }
        byte[] payload = new byte[second & 0x7f];
        data.readFully(payload);
        for (int i = 0; i < payload.length; i++) {
            payload[i] ^= mask[i % 4];
        }
        return new String(payload, StandardCharsets.UTF_8);
    }
}
