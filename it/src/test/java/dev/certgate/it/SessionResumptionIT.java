package dev.certgate.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * TLS session resumption on the gateway, TLS 1.3 (stateless tickets) and TLS 1.2, seen by real clients: openssl
 * s_client saving its session and offering it again, and the JDK client reconnecting with the same SSLContext.
 */
class SessionResumptionIT {

    @TempDir
    Path dir;

    private static String servedName() throws Exception {
        String host = "resume-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName", host));
        assertEquals(201, answer.status(), answer.body().toString());
        return host;
    }

    /** One request with Connection: close, read to the end, so that the client also reads the server's tickets. */
    private static String request(String host) {
        return "GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
    }

    @Test
    void opensslResumesItsSavedSession() throws Exception {
        String host = servedName();
        for (String protocol : List.of("-tls1_3", "-tls1_2")) {
            Path session = dir.resolve("session" + protocol + ".pem");
            String first = Openssl.sClient(dir, request(host), "-servername", host, protocol, "-ign_eof",
                    "-sess_out", session.toString());
            assertTrue(first.contains("New, TLSv1."), protocol + ": a full handshake first:\n" + first);
            assertTrue(first.contains("HTTP/1.1 404"), "the gateway answered: " + first);

            String second = Openssl.sClient(dir, request(host), "-servername", host, protocol, "-ign_eof",
                    "-sess_in", session.toString());
            String expected = "Reused, " + (protocol.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2");
            assertTrue(second.contains(expected), protocol + ": the saved session is resumed:\n" + second);
        }
    }

    @Test
    void theJdkClientResumesWithTheSameContext() throws Exception {
        String host = servedName();
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            SSLContext client = acceptAll();
            SSLSession first = exchange(client, host, protocol);
            Thread.sleep(50); // a new session would have a later creation time
            SSLSession second = exchange(client, host, protocol);
            assertEquals(protocol, second.getProtocol());
            // JSSE builds a resumed session from the saved one: it keeps that one's creation time (and, in TLS 1.2,
            // its id); a full handshake makes a new session.
            assertEquals(first.getCreationTime(), second.getCreationTime(), protocol + ": resumed");
            if (protocol.equals("TLSv1.2")) {
                assertTrue(java.util.Arrays.equals(first.getId(), second.getId()), "TLS 1.2 resumes by session");
            }
            assertEquals(first.getPeerCertificates()[0], second.getPeerCertificates()[0]);

            SSLSession other = exchange(acceptAll(), host, protocol);
            assertNotEquals(first.getCreationTime(), other.getCreationTime(),
                    protocol + ": another client context has no session to resume: full handshake");
        }
    }

    /** A handshake and one request over a new connection; the session it used. */
    private static SSLSession exchange(SSLContext context, String host, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1",
                ItSettings.GATEWAY_PORT)) {
            socket.setSoTimeout(10_000);
            socket.setEnabledProtocols(new String[]{protocol});
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            socket.setSSLParameters(parameters);
            socket.getOutputStream().write(request(host).getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            try (InputStream in = socket.getInputStream()) {
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 404"), answer);
            }
            return socket.getSession();
        }
    }

    /** The JDK's client; it trusts any certificate on purpose (the test is about sessions, not trust). */
    private static SSLContext acceptAll() throws Exception {
        return TlsProbe.acceptingAnyCertificate();
    }
}
