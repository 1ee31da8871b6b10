package dev.certgate.it;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's start with stored certificates: it serves every name as soon as it knows them and opens the keys on
 * first use or in its background warm-up (bin/test sets {@code certgate.gateway.defer-keys-from} to 2, so that every
 * restart of the test server goes this way, as a start with 500 certificates or more does in production); a row
 * whose key does not open is passed by, never served and never fatal.
 */
class GatewayStartIT {

    private static final Path SERVER_LOG = Path.of(System.getProperty("user.dir"))
            .resolve("target/wildfly/standalone/log/server.log");

    private static String selfSigned(String host) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed",
                Map.of("commonName", host, "keyType", "EC_P256"));
        assertEquals(201, answer.status(), answer.body().toString());
        return answer.body().get("id").asText();
    }

    private static String subjectOf(String serverName) {
        try {
            X509Certificate leaf = TlsProbe.leafFor(serverName);
            return leaf.getSubjectX500Principal().getName();
        } catch (SSLException e) {
            return "refused: " + e.getMessage();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void servesEveryStoredCertificateAfterARestartAndPassesByAKeyThatDoesNotOpen() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> hosts = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            hosts.add("start" + i + "-" + run + ".test");
            ids.add(selfSigned(hosts.get(i)));
        }
        String moved = hosts.get(2);
        try {
            // An operator (or an attacker) copies the first certificate's sealed key onto the third's row: it is
            // bound to its own row, so it does not open there.
            try (Connection c = Database.connect();
                 PreparedStatement st = c.prepareStatement("UPDATE certificate t JOIN certificate s ON s.id = ? "
                         + "SET t.wrapped_data_key = s.wrapped_data_key, t.key_ciphertext = s.key_ciphertext "
                         + "WHERE t.id = ?")) {
                st.setString(1, ids.get(0));
                st.setString(2, ids.get(2));
                assertEquals(1, st.executeUpdate());
            }
            long logBefore = Files.size(SERVER_LOG);

            Management.reloadAndWait();

            for (int i = 0; i < 2; i++) {
                assertEquals("CN=" + hosts.get(i), subjectOf(hosts.get(i)), "served after the restart");
            }
            assertNotEquals("CN=" + moved, subjectOf(moved), "a key that does not open is never served");
            String log = tail(logBefore);
            assertTrue(log.contains("CERTGATE-3004"), "the snapshot at start is logged");
            assertTrue(log.contains("CERTGATE-1105: certificate " + ids.get(2) + " (" + moved + ") cannot be served"),
                    "the start says which certificate cannot be served and why");
            assertTrue(waitForLog(logBefore, "CERTGATE-3009", 60), "the background warm-up reports when done");
            assertTrue(tail(logBefore).matches("(?s).*CERTGATE-3009: gateway opened the keys of \\d+ of \\d+ .*"));
        } finally {
            CertgateApi.Answer delete = CertgateApi.delete("/certificates/" + ids.get(2));
            assertEquals(204, delete.status(), "the unusable row can still be deleted");
        }
        assertEquals("CN=" + hosts.get(0), subjectOf(hosts.get(0)), "and the others are still served");
    }

    private static String tail(long from) throws Exception {
        byte[] all = Files.readAllBytes(SERVER_LOG);
        int start = (int) Math.min(from, all.length);
        return new String(all, start, all.length - start, StandardCharsets.UTF_8);
    }

    private static boolean waitForLog(long from, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (tail(from).contains(text)) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
