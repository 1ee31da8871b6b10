package dev.certgate.gateway;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import io.undertow.server.HttpHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's HTTP/2 limits on the wire, with a client that writes HTTP/2 frames itself (RFC 9113; header blocks
 * in HPACK without Huffman or indexing), because the rapid-reset attack (CVE-2023-44487) is what no well-behaved
 * client library does: open a stream and cancel it at once, thousands of times, so that the server starts work for
 * each without the client ever waiting.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TlsEngine.class)
class Http2LimitsTest {

    /** Each test runs on each TLS engine. */
    @Parameter
    TlsEngine engine;

    private static final int HEADERS = 0x1;
    private static final int RST_STREAM = 0x3;
    private static final int SETTINGS = 0x4;
    private static final int GOAWAY = 0x7;
    private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    private static final int SETTINGS_MAX_HEADER_LIST_SIZE = 0x6;
    private static final int ENHANCE_YOUR_CALM = 0xb;
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger requests = new AtomicInteger();
    private TestGateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private SSLSocket h2(GatewayLimits limits) throws Exception {
        HttpHandler counting = exchange -> {
            requests.incrementAndGet();
            TestGateway.HELLO.handleRequest(exchange);
        };
        gateway = TestGateway.start(engine, limits, counting);
        SSLSocket socket = gateway.tls(TestGateway.LOOPBACK, "h2");
        socket.startHandshake();
        assertEquals("h2", socket.getApplicationProtocol());
        OutputStream out = socket.getOutputStream();
        out.write(PREFACE);
        frame(out, SETTINGS, 0, 0, new byte[0]);
        out.flush();
        return socket;
    }

    @Test
    void theStreamAndHeaderListLimitsAreAnnouncedInTheServersSettings() throws Exception {
        GatewayLimits limits = GatewayLimits.defaults().withHttp2(7, 8_192, 200, Duration.ofSeconds(30));
        try (SSLSocket socket = h2(limits)) {
            Frame first = Frame.read(new DataInputStream(socket.getInputStream()));
            assertEquals(SETTINGS, first.type, "the server's first frame is its SETTINGS");
            Map<Integer, Integer> settings = first.settings();
            assertEquals(7, settings.get(SETTINGS_MAX_CONCURRENT_STREAMS), settings.toString());
            assertEquals(8_192, settings.get(SETTINGS_MAX_HEADER_LIST_SIZE), settings.toString());
        }
    }

    @Test
    void theDefaultsAnnounceAStreamLimit() throws Exception {
        try (SSLSocket socket = h2(GatewayLimits.defaults())) {
            Map<Integer, Integer> settings = Frame.read(new DataInputStream(socket.getInputStream())).settings();
            assertEquals(100,
                    settings.get(SETTINGS_MAX_CONCURRENT_STREAMS), "Undertow's own default announces none");
            assertEquals(16_384, settings.get(SETTINGS_MAX_HEADER_LIST_SIZE));
        }
    }

    @Test
    void aHeaderListOverTheLimitIsNotServed() throws Exception {
        GatewayLimits limits = GatewayLimits.defaults().withHttp2(100, 4_096, 200, Duration.ofSeconds(30));
        try (SSLSocket socket = h2(limits)) {
            OutputStream out = socket.getOutputStream();
            ByteArrayOutputStream big = new ByteArrayOutputStream();
            big.write(requestHeaders());
            literal(big, "x-big", "a".repeat(6_000));
            frame(out, HEADERS, 0x5, 1, big.toByteArray());
            frame(out, HEADERS, 0x5, 3, requestHeaders()); // a normal request after it on the same connection
            out.flush();
            drain(socket, 3_000);
            assertTrue(requests.get() <= 1, requests.get() + " requests reached the handler; the oversized one "
                    + "must not");
        }
    }

    /**
     * A client that opens 2 000 streams and cancels each at once: the gateway answers GOAWAY (ENHANCE_YOUR_CALM)
     * once the resets pass the limit and stops taking new streams, so only a few of the 2 000 requests reach the
     * handler (the backends, in production).
     */
    @Test
    void rapidResetGetsGoawayAndStopsStartingWork() throws Exception {
        GatewayLimits limits = GatewayLimits.defaults().withHttp2(100, 16_384, 50, Duration.ofSeconds(30));
        int streams = 2_000;
        try (SSLSocket socket = h2(limits)) {
            OutputStream out = socket.getOutputStream();
            byte[] headers = requestHeaders();
            byte[] cancel = {0, 0, 0, 0x8};
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean cutOff = new AtomicBoolean();
            // the flood is written by its own thread while this one reads: a GOAWAY left unread when the gateway then
            // closes would be thrown away by the client's kernel on the reset that follows
            Thread flood = new Thread(() -> {
                try {
                    for (int i = 0; i < streams; i++) {
                        int stream = 2 * i + 1;
                        frame(out, HEADERS, 0x5, stream, headers);
                        frame(out, RST_STREAM, 0, stream, cancel);
                        sent.incrementAndGet();
                    }
                    out.flush();
                } catch (IOException closed) {
                    cutOff.set(true); // the gateway closed the connection under the flood
                }
            }, "rapid-reset-flood");
            flood.start();
            Frame goaway = drain(socket, 5_000);
            flood.join(10_000);
            if (goaway == null) {
                // the connection was reset before its GOAWAY could be read: the gateway must at least have cut the
                // flood off before its end
                assertTrue(cutOff.get() && sent.get() < streams, "the gateway sent GOAWAY or closed the connection"
                        + " (sent " + sent.get() + " of " + streams + " stream/reset pairs)");
            } else {
                assertEquals(ENHANCE_YOUR_CALM, goaway.goawayError(), "GOAWAY's error code");
            }
            assertTrue(requests.get() <= 50 + 100 + 10, requests.get() + " of " + sent.get()
                    + " reset streams reached the handler");
        }
    }

    /** Reads frames until GOAWAY (returned), the end of the connection or {@code millis} of silence (null). */
    private static Frame drain(SSLSocket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        DataInputStream in = new DataInputStream(socket.getInputStream());
        Frame goaway = null;
        try {
            while (true) {
                Frame frame = Frame.read(in);
                if (frame.type == GOAWAY && goaway == null) {
                    goaway = frame;
                }
            }
        } catch (EOFException | SocketTimeoutException end) {
            return goaway;
        } catch (IOException reset) {
            return goaway;
        }
    }

    /** GET https://ec.example.test/ in HPACK: indexed :method GET, :scheme https, :path /, a literal :authority. */
    private static byte[] requestHeaders() throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        block.write(0x82);
        block.write(0x87);
        block.write(0x84);
        byte[] authority = TestGateway.HOST.getBytes(StandardCharsets.US_ASCII);
        block.write(0x01); // literal without indexing, name :authority (static index 1)
        integer(block, 0, 7, authority.length);
        block.write(authority);
        return block.toByteArray();
    }

    /** A literal field without indexing, with a new name. */
    private static void literal(ByteArrayOutputStream block, String name, String value) throws IOException {
        block.write(0x00);
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] v = value.getBytes(StandardCharsets.US_ASCII);
        integer(block, 0, 7, n.length);
        block.write(n);
        integer(block, 0, 7, v.length);
        block.write(v);
    }

    /** An HPACK integer (RFC 7541 §5.1) with an {@code prefixBits}-bit prefix after {@code flags}. */
    private static void integer(ByteArrayOutputStream block, int flags, int prefixBits, int value) {
        int max = (1 << prefixBits) - 1;
        if (value < max) {
            block.write(flags | value);
            return;
        }
        block.write(flags | max);
        value -= max;
        while (value >= 128) {
            block.write((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        block.write(value);
    }

    private static void frame(OutputStream out, int type, int flags, int stream, byte[] payload) throws IOException {
        int length = payload.length;
        out.write(new byte[]{(byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags,
                (byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream});
        out.write(payload);
    }

    private record Frame(int type, int flags, int stream, byte[] payload) {
        static Frame read(DataInputStream in) throws IOException {
            int length = (in.readUnsignedByte() << 16) | (in.readUnsignedByte() << 8) | in.readUnsignedByte();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame(type, flags, stream, payload);
        }

        Map<Integer, Integer> settings() {
            Map<Integer, Integer> settings = new HashMap<>();
            for (int i = 0; i + 6 <= payload.length; i += 6) {
                int id = ((payload[i] & 0xff) << 8) | (payload[i + 1] & 0xff);
                int value = ((payload[i + 2] & 0xff) << 24) | ((payload[i + 3] & 0xff) << 16)
                        | ((payload[i + 4] & 0xff) << 8) | (payload[i + 5] & 0xff);
                settings.put(id, value);
            }
            return settings;
        }

        int goawayError() {
            return ((payload[4] & 0xff) << 24) | ((payload[5] & 0xff) << 16) | ((payload[6] & 0xff) << 8)
                    | (payload[7] & 0xff);
        }
    }
}
