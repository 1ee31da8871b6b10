package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway's TLS policy seen by real clients (openssl s_client, the JDK): protocols, suites, ALPN, unknown names. */
class GatewayTlsIT {

    @TempDir
    Path dir;

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private String sClient(String... options) throws Exception {
        String[] command = new String[6 + options.length];
        command[0] = "openssl";
        command[1] = "s_client";
        command[2] = "-connect";
        command[3] = "127.0.0.1:" + ItSettings.GATEWAY_PORT;
        command[4] = "-brief";
        command[5] = "-verify_quiet";
        System.arraycopy(options, 0, command, 6, options.length);
        try {
            return Openssl.run(dir, command);
        } catch (java.io.IOException failed) {
            return failed.getMessage(); // s_client exits non-zero on a refused handshake; its output says why
        }
    }

    private static String selfSigned(String host, String keyType) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed",
                Map.of("commonName", host, "keyType", keyType));
        assertEquals(201, answer.status(), answer.body().toString());
        return answer.body().get("id").asText();
    }

    @Test
    void modernProtocolsSuitesAndHttp2() throws Exception {
        String host = name("policy");
        selfSigned(host, "EC_P256");
        String tls13 = sClient("-servername", host);
        assertTrue(tls13.contains("Protocol version: TLSv1.3"), tls13);
        // -brief does not print the ALPN result, so this one runs in full
        String alpn = Openssl.run(dir, "openssl", "s_client", "-connect", "127.0.0.1:" + ItSettings.GATEWAY_PORT,
                "-servername", host, "-alpn", "h2,http/1.1");
        assertTrue(alpn.contains("ALPN protocol: h2"), "HTTP/2 is negotiated:\n" + alpn);
        String tls12 = sClient("-servername", host, "-tls1_2");
        assertTrue(tls12.contains("Protocol version: TLSv1.2") && tls12.contains("ECDHE-ECDSA-AES128-GCM-SHA256"),
                tls12);
        String cbc = sClient("-servername", host, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
        assertTrue(!cbc.contains("CONNECTION ESTABLISHED"), "CBC suites are refused:\n" + cbc);
    }

    @Test
    void aNameWithEcAndRsaCertificatesServesWhatTheClientCanVerify() throws Exception {
        String host = name("dual");
        selfSigned(host, "EC_P256");
        selfSigned(host, "RSA_2048");
        String ecdsa = sClient("-servername", host, "-sigalgs", "ECDSA+SHA256");
        assertTrue(ecdsa.contains("Signature type: ECDSA"), ecdsa);
        String rsa = sClient("-servername", host, "-sigalgs", "RSA-PSS+SHA256");
        assertTrue(rsa.contains("Signature type: RSA-PSS"), rsa);
    }

    @Test
    void unknownNamesAreRefusedWithUnrecognizedNameUntilADefaultIsSet() throws Exception {
        String unknown = name("unknown");
        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class, () -> TlsProbe.leafFor(unknown));
        assertTrue(refused.getMessage().contains("unrecognized_name"), refused.getMessage());
        assertTrue(sClient("-servername", unknown).contains("unrecognized name"), "openssl sees the alert too");

        String fallbackHost = name("default");
        String fallbackId = selfSigned(fallbackHost, "EC_P256");
        JsonNode settings = CertgateApi.get("/gateway/settings").body();
        Map<String, Object> set = new HashMap<>();
        set.put("defaultCertificateId", fallbackId);
        set.put("version", settings.get("version").asLong());
        CertgateApi.Answer changed = CertgateApi.put("/gateway/settings", set);
        assertEquals(200, changed.status(), changed.body().toString());
        try {
            String fingerprint = CertgateApi.get("/certificates/" + fallbackId).body().get("fingerprintSha256")
                    .asText();
            assertEquals(fingerprint, TlsProbe.sha256(TlsProbe.leafFor(unknown)), "unknown names get the default");
            String noSni = sClient("-noservername");
            assertTrue(noSni.contains("CN = " + fallbackHost) || noSni.contains("CN=" + fallbackHost),
                    "access without SNI (by IP) gets the default:\n" + noSni);
            CertgateApi.Answer delete = CertgateApi.delete("/certificates/" + fallbackId);
            assertEquals(409, delete.status(), "the default certificate is in use");
            assertTrue(delete.body().get("detail").asText().contains("the gateway (as its default certificate)"));
        } finally {
            Map<String, Object> reset = new HashMap<>();
            reset.put("defaultCertificateId", null);
            reset.put("version", changed.body().get("version").asLong());
            assertEquals(200, CertgateApi.put("/gateway/settings", reset).status());
        }
        assertThrows(SSLHandshakeException.class, () -> TlsProbe.leafFor(unknown), "refused again");
        assertEquals(1, Database.auditRows(fallbackId, "GATEWAY_DEFAULT_CERTIFICATE"));
    }

    @Test
    void answersAcmeTlsAlpn01ValidationsOfAChallengePublishedInTheDatabase() throws Exception {
        String host = name("alpn");
        String certificateId = selfSigned(host, "EC_P256");
        String keyAuthorization = "tok-" + UUID.randomUUID() + ".thumbprint";
        try (java.sql.Connection c = Database.connect(); java.sql.PreparedStatement st = c.prepareStatement(
                "INSERT INTO acme_challenge (token, key_authorization, domain, expires_at, challenge_type)"
                        + " VALUES (?, ?, ?, ?, 'TLS_ALPN_01')")) {
            st.setString(1, "tok-" + UUID.randomUUID());
            st.setString(2, keyAuthorization);
            st.setString(3, host);
            st.setString(4, "2099-01-01 00:00:00");
            st.executeUpdate();
        }
        // Published as another node's ChallengeStore would: the row and a change of the sequence. The gateway answers
        // from memory, so it answers once its once-a-second poll has seen the new generation (here, no cluster
        // message: the slow path).
        try (java.sql.Connection c = Database.connect(); java.sql.Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE change_sequence SET generation = generation + 1 WHERE id = 1");
        }
        String validation = null;
        for (long deadline = System.nanoTime() + 10_000_000_000L; validation == null; Thread.sleep(250)) {
            try {
                validation = Openssl.run(dir, "openssl", "s_client", "-connect", "127.0.0.1:" + ItSettings.GATEWAY_PORT,
                        "-servername", host, "-alpn", "acme-tls/1", "-showcerts");
            } catch (java.io.IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
        assertTrue(validation.contains("ALPN protocol: acme-tls/1"), validation);
        Path served = dir.resolve("validation.pem");
        java.nio.file.Files.writeString(served, validation.substring(validation.indexOf("-----BEGIN CERTIFICATE"),
                validation.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length()) + "\n");
        String text = Openssl.run(dir, "openssl", "x509", "-in", served.toString(), "-noout", "-text");
        assertTrue(text.contains("1.3.6.1.5.5.7.1.31: critical"), "the acmeIdentifier extension, critical:\n" + text);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                .digest(keyAuthorization.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        byte[] extension = TlsProbe.read(served).getExtensionValue("1.3.6.1.5.5.7.1.31");
        // DER: the extension's OCTET STRING (04 22) holding the value, an OCTET STRING of the 32-byte digest (04 20)
        assertEquals("04220420" + java.util.HexFormat.of().formatHex(digest),
                java.util.HexFormat.of().formatHex(extension), "it holds SHA-256 of the key authorization");
        assertTrue(text.contains("DNS:" + host), text);

        // Browsers asking for the same name still get the stored certificate.
        JsonNode stored = CertgateApi.get("/certificates/" + certificateId).body();
        assertEquals(stored.get("fingerprintSha256").asText(), TlsProbe.sha256(TlsProbe.leafFor(host)));
        // A validation for a name without a pending challenge gets no certificate at all.
        String none = sClient("-servername", name("no-challenge"), "-alpn", "acme-tls/1");
        assertTrue(!none.contains("BEGIN CERTIFICATE") && !none.contains("Protocol version"), none);
    }
}
