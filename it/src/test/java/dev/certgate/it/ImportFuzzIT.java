package dev.certgate.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST side of the import fuzz (issue 14, point 4; the core's own is ImportFuzzTest): 1 000 seeded mutations of
 * real openssl-made inputs posted to the PEM and PKCS#12 imports of a running certgate, and bodies that are not even
 * JSON. Not one may get a 5xx or an answer with an exception name in it, every refusal is a problem document, and the
 * store holds as many certificates afterwards as before (an input that still imports, e.g. only re-indented, is
 * deleted again).
 */
class ImportFuzzIT {

    private static final int INPUTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void noInputGetsAServerErrorAndNothingIsHalfSaved() throws Exception {
        Openssl.Pair ec = Openssl.selfSigned(dir, "fuzz-ec.test", "ec");
        Openssl.Pair rsa = Openssl.selfSigned(dir, "fuzz-rsa.test", "rsa");
        Path p12 = dir.resolve("fuzz.p12");
        Openssl.run(dir, "openssl", "pkcs12", "-export", "-in", ec.certificate().toString(), "-inkey", ec.key().toString(), "-passout", "pass:secret", "-out", p12.toString());
        byte[] pkcs12 = Files.readAllBytes(p12);

        int before = CertgateApi.list().body().get("total").asInt();
        Random random = new Random(20261202L);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int imported = 0;
        for (int i = 0; i < INPUTS && failures.size() < 10; i++) {
            Openssl.Pair pair = random.nextBoolean() ? ec : rsa;
            CertgateApi.Answer answer;
            String what;
            switch (random.nextInt(4)) {
                case 0 -> {
                    what = "PEM chain";
                    answer = CertgateApi.importPem(mutate(random, pair.certificatePem()), pair.keyPem());
                }
                case 1 -> {
                    what = "PEM key";
                    answer = CertgateApi.importPem(pair.certificatePem(), mutate(random, pair.keyPem()));
                }
                case 2 -> {
                    what = "PKCS#12";
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("pkcs12", Base64.getEncoder().encodeToString(flip(random, pkcs12)));
                    body.put("password", "secret");
                    answer = CertgateApi.post("/certificates/pkcs12", body);
                }
                default -> {
                    what = "raw body";
                    String json = CertgateApi.json(Map.of("certificate", pair.certificatePem(),
                            "privateKey", pair.keyPem()));
                    byte[] body = flip(random, json.getBytes(StandardCharsets.UTF_8));
                    answer = CertgateApi.send(CertgateApi.request("/certificates")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)), ItSettings.OPERATOR);
                }
            }
            String label = "input " + i + " (" + what + "): " + answer.status() + " " + answer.body();
            if (answer.status() >= 500) {
                failures.add(label);
            } else if (answer.status() == 201) {
                imported++;
                assertEquals(204, CertgateApi.delete("/certificates/" + answer.body().get("id").asText()).status());
            } else {
                refused++;
                if (!answer.contentType().startsWith("application/problem+json")
                        || answer.body().toString().contains("Exception")) {
                    failures.add(label + " (not a clean problem document)");
                }
            }
        }
        System.out.printf("ImportFuzzIT: %d inputs, %d imported (and deleted), %d refused, %d failures%n",
                INPUTS, imported, refused, failures.size());
        assertEquals(List.of(), failures, "inputs that got a server error or an unclean refusal");
        assertEquals(before, CertgateApi.list().body().get("total").asInt(), "the store holds what it held");
        assertTrue(refused > INPUTS / 2, "most inputs are refused");
    }

    /** A text mutation: DER damage under the base64, indentation and CRLF, a cut, a bad byte. */
    private static String mutate(Random random, String text) {
        switch (random.nextInt(6)) {
            case 0, 1 -> {
                int start = text.indexOf("-----\n") + 6;
                int end = text.indexOf("-----END");
                if (start < 6 || end < start) {
                    return text + "\u00ff";
                }
                byte[] der = Base64.getMimeDecoder().decode(text.substring(start, end));
                String base64 = Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(flip(random, der));
                return text.substring(0, start) + base64 + "\n" + text.substring(end);
            }
            case 2 -> {
                // indented with CRLF (read as plain PEM), then a byte or more changed: mostly refused
                byte[] indented = text.replace("\n", "\r\n   ").getBytes(StandardCharsets.UTF_8);
                return new String(flip(random, indented), StandardCharsets.ISO_8859_1);
            }
            case 3 -> {
                return text.substring(0, random.nextInt(text.length() + 1));
            }
            case 4 -> {
                int at = random.nextInt(text.length() + 1);
                String[] odd = {"\u0000", "\u00e9", "\"", "\\", "-----BEGIN CERTIFICATE-----\n", "\uFFFD", "{"};
                return text.substring(0, at) + odd[random.nextInt(odd.length)] + text.substring(at);
            }
            default -> {
                byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
                return new String(flip(random, bytes), StandardCharsets.ISO_8859_1);
            }
        }
    }

    /** One to three byte changes: a bit flipped, a byte set to a DER-significant value, or a cut. */
    private static byte[] flip(Random random, byte[] in) {
        byte[] out = in.clone();
        for (int n = 1 + random.nextInt(3); n > 0 && out.length > 0; n--) {
            int at = random.nextInt(out.length);
            switch (random.nextInt(3)) {
                case 0 -> out[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> out[at] = new byte[]{0, (byte) 0x80, (byte) 0x84, (byte) 0xff, 0x30}[random.nextInt(5)];
                default -> out = java.util.Arrays.copyOf(out, at);
            }
        }
        return out;
    }
}
