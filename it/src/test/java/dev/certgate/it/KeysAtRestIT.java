package dev.certgate.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads the MariaDB rows behind an import directly: they hold the sealed key, never the key itself in any
 * encoding (PEM, PKCS#8 DER, or the bare secret number).
 */
class KeysAtRestIT {

    @TempDir
    Path dir;

    @Test
    void ecKeyIsNotInTheDatabase() throws Exception {
        assertKeyNotStored(Openssl.selfSigned(dir, "rest-" + UUID.randomUUID().toString().substring(0, 8)
                + ".test", "ec"));
    }

    @Test
    void rsaKeyIsNotInTheDatabase() throws Exception {
        assertKeyNotStored(Openssl.selfSigned(dir, "rest-" + UUID.randomUUID().toString().substring(0, 8)
                + ".test", "rsa"));
    }

    @Test
    void aDatabaseDumpRevealsNoKey() throws Exception {
        List<Openssl.Pair> pairs = List.of(
                Openssl.selfSigned(dir, "dump-" + UUID.randomUUID().toString().substring(0, 8) + ".test", "ec"),
                Openssl.selfSigned(dir, "dump-" + UUID.randomUUID().toString().substring(0, 8) + ".test", "rsa"));
        for (Openssl.Pair pair : pairs) {
            assertEquals(201, CertgateApi.importPem(pair.certificatePem(), pair.keyPem()).status());
        }
        // jdbc:mariadb://host:port/database
        String[] url = ItSettings.DB_URL.substring("jdbc:mariadb://".length()).split("[:/]");
        String dump = Openssl.run(dir, "mysqldump", "--protocol=TCP", "-h" + url[0], "-P" + url[1],
                "-u" + ItSettings.DB_USER, "--password=" + ItSettings.DB_PASSWORD, "--hex-blob", url[2]);
        assertTrue(dump.contains("INSERT INTO `certificate`"), "the dump has the certificate rows");
        String upper = dump.toUpperCase();
        assertFalse(dump.contains("PRIVATE KEY-----"), "no PEM key text in the dump");
        for (Openssl.Pair pair : pairs) {
            assertFalse(upper.contains(HexFormat.of().withUpperCase().formatHex(pair.keyPkcs8Der())),
                    "no PKCS#8 key bytes in the dump");
            assertFalse(upper.contains(HexFormat.of().withUpperCase().formatHex(pair.keyTraditionalDer())),
                    "no PKCS#1/SEC1 key bytes in the dump");
        }
    }

    private static void assertKeyNotStored(Openssl.Pair pair) throws Exception {
        CertgateApi.Answer answer = CertgateApi.importPem(pair.certificatePem(), pair.keyPem());
        assertEquals(201, answer.status(), answer.body().toString());
        String id = answer.body().get("id").asText();

        byte[] pkcs8 = pair.keyPkcs8Der();
        byte[] traditional = pair.keyTraditionalDer();
        PrivateKey key = KeyFactory.getInstance(pair.key().toString().contains(".rsa.") ? "RSA" : "EC")
                .generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        BigInteger secret = key instanceof ECPrivateKey ec ? ec.getS() : ((RSAPrivateCrtKey) key).getPrivateExponent();
        byte[] secretBytes = unsigned(secret);

        List<byte[]> columns = rowBytes(id);
        assertFalse(columns.isEmpty(), "the certificate row exists");
        for (byte[] column : columns) {
            String text = new String(column, StandardCharsets.ISO_8859_1);
            assertFalse(text.contains("PRIVATE KEY"), "no PEM key text in the database");
            assertFalse(contains(column, pkcs8), "no PKCS#8 key bytes in the database");
            assertFalse(contains(column, traditional), "no PKCS#1/SEC1 key bytes in the database");
            assertFalse(contains(column, secretBytes), "no bare private key number in the database");
        }
        // and the row does carry a sealed key: a KEK id, a wrapped data key, a ciphertext
        try (Connection c = DriverManager.getConnection(ItSettings.DB_URL, ItSettings.DB_USER, ItSettings.DB_PASSWORD);
             PreparedStatement st = c.prepareStatement(
                     "SELECT kek_id, LENGTH(wrapped_data_key), LENGTH(key_ciphertext) FROM certificate WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(16, rs.getString(1).length());
                assertTrue(rs.getInt(2) >= 12 + 32 + 16, "wrapped 256-bit data key with nonce and tag");
                assertTrue(rs.getInt(3) >= pkcs8.length + 12 + 16, "key ciphertext with nonce and tag");
            }
        }
    }

    /** Every column of the certificate row and its names, as bytes. */
    private static List<byte[]> rowBytes(String id) throws Exception {
        List<byte[]> values = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(ItSettings.DB_URL, ItSettings.DB_USER, ItSettings.DB_PASSWORD)) {
            for (String sql : List.of("SELECT * FROM certificate WHERE id = ?",
                    "SELECT * FROM certificate_name WHERE certificate_id = ?")) {
                try (PreparedStatement st = c.prepareStatement(sql)) {
                    st.setString(1, id);
                    try (ResultSet rs = st.executeQuery()) {
                        ResultSetMetaData meta = rs.getMetaData();
                        while (rs.next()) {
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                int type = meta.getColumnType(i);
                                boolean binary = type == Types.BINARY || type == Types.VARBINARY
                                        || type == Types.LONGVARBINARY || type == Types.BLOB;
                                String text = binary ? null : rs.getString(i);
                                byte[] value = binary ? rs.getBytes(i)
                                        : text == null ? null : text.getBytes(StandardCharsets.UTF_8);
                                if (value != null) {
                                    values.add(value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return values;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
