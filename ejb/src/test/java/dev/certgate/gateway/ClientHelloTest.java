package dev.certgate.gateway;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link ClientHello#peek} on real ClientHellos made by JSSE, whole, cut short and damaged. */
class ClientHelloTest {

    private static ByteBuffer clientHello(String serverName, String... protocols) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        if (serverName != null) {
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
        }
        parameters.setApplicationProtocols(protocols);
        engine.setSSLParameters(parameters);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return out.flip();
    }

    @Test
    void readsNameAndProtocolsWithoutMovingTheBuffer() throws Exception {
        ByteBuffer hello = clientHello("app.example.test", "acme-tls/1");
        int position = hello.position();
        ClientHello read = ClientHello.peek(hello).orElseThrow();
        assertEquals(new ClientHello("app.example.test", List.of("acme-tls/1")), read);
        assertTrue(read.isAcmeValidation());
        assertEquals(position, hello.position());
    }

    @Test
    void ordinaryHellosAreNotValidations() throws Exception {
        assertFalse(ClientHello.peek(clientHello("app.example.test", "h2", "http/1.1")).orElseThrow()
                .isAcmeValidation());
        assertFalse(ClientHello.peek(clientHello("app.example.test", "acme-tls/1", "http/1.1")).orElseThrow()
                .isAcmeValidation());
        ClientHello noSni = ClientHello.peek(clientHello(null, "acme-tls/1")).orElseThrow();
        assertEquals(null, noSni.serverName());
        assertFalse(noSni.isAcmeValidation(), "a validation always names the host");
        assertEquals(List.of(), ClientHello.peek(clientHello("a.test")).orElseThrow().protocols());
    }

    @Test
    void waitsForTheWholeFirstRecord() throws Exception {
        ByteBuffer hello = clientHello("app.example.test", "acme-tls/1");
        for (int cut : new int[]{0, 3, 5, hello.remaining() - 1}) {
            ByteBuffer part = hello.duplicate();
            part.limit(part.position() + cut);
            assertEquals(Optional.empty(), ClientHello.peek(part), "cut at " + cut);
        }
    }

    @Test
    void anythingElseIsLeftToJsse() throws Exception {
        assertEquals(Optional.of(ClientHello.NONE),
                ClientHello.peek(ByteBuffer.wrap("GET / HTTP/1.1\r\n\r\n".getBytes())));
        ByteBuffer hello = clientHello("app.example.test", "acme-tls/1");
        byte[] damaged = new byte[hello.remaining()];
        hello.get(damaged);
        damaged[5 + 4 + 2 + 32] = (byte) 0xFF; // a session id longer than the message
        assertEquals(Optional.of(ClientHello.NONE), ClientHello.peek(ByteBuffer.wrap(damaged)));
    }
}
