package dev.certgate.core.pki;

import dev.certgate.core.CoreException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.certgate.core.pki.Fixtures.bytes;
import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A seeded mutation fuzz of every import the core offers (issue 14, point 4): PEM chains and keys, DER certificates
 * and key files, PKCS#12 files and encrypted keys, each mutated at the byte level, inside the base64 of its PEM
 * blocks (so that the DER parsers see damaged structures, not only bad base64) and at the text level (indentation,
 * CRLF, lines shuffled, headers changed, non-ASCII). Every input must come back either imported or refused with a
 * {@link CoreException} — any other exception, or an input that takes more than {@link #SLOW} to answer, fails the
 * test with the seed and the mutation, so that it can be replayed.
 * <p>
 * The seed is fixed (the same inputs in every run); {@code -Dcertgate.fuzz.seed=N} and {@code -Dcertgate.fuzz.inputs=N}
 * run another set or more of them.
 */
class ImportFuzzTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final char[] SECRET = "secret".toCharArray();
    private static final Duration SLOW = Duration.ofSeconds(10);
    private static final Pattern BLOCK = Pattern.compile(
            "(-----BEGIN ([A-Z0-9 ]+)-----\n)([A-Za-z0-9+/=\n]+?)(-----END \\2-----)");

    private static final String[] CHAINS = {"chain.pem", "ec.crt.pem", "rsa.crt.pem", "wildcard.crt.pem",
            "formats/ec384.chain.pem", "formats/ed25519.chain.pem", "formats/rsa2048.chain.pem",
            "bad/sha1-chain.pem", "bad/duplicates-chain.pem", "bad/missing-intermediate.pem"};
    private static final String[] KEYS = {"leaf.key.pem", "ec.key.pem", "ec-sec1.key.pem", "rsa-pkcs1.key.pem",
            "ec384-params.key.pem", "ed25519.key.pem"};
    private static final String[] ENCRYPTED_KEYS = {"ec-encrypted.key.pem", "formats/ec256-pkcs8-encrypted.key.pem",
            "formats/rsa2048-legacy-encrypted.key.pem", "formats/ed25519-pkcs8-encrypted.key.pem"};
    private static final String[] PKCS12 = {"formats/ec256.p12", "formats/ec256-legacy.p12", "formats/rsa2048.p12",
            "formats/keytool-ec256.p12", "formats/ed25519.p12", "bad/no-key.p12"};
    private static final String[] DER = {"formats/ec256.crt.der", "formats/rsa2048.crt.der",
            "formats/ed25519.crt.der"};
    /** A DER certificate with its key, so that an unmutated pair imports. */
    private static final String[][] DER_PAIRS = {{"formats/ec256.crt.der", "formats/ec256.key.pem"},
            {"formats/rsa2048.crt.der", "formats/rsa2048.key.pem"}};

    @Test
    void everyMutatedInputIsImportedOrRefusedWithAMessage() {
        long seed = Long.getLong("certgate.fuzz.seed", 20261202L);
        int inputs = Integer.getInteger("certgate.fuzz.inputs", 10_000);
        Random random = new Random(seed);
        List<String> failures = new ArrayList<>();
        int refused = 0;
        int imported = 0;
        long slowest = 0;
        long started = System.nanoTime();
        for (int i = 0; i < inputs; i++) {
            Input input = input(random, i);
            long t0 = System.nanoTime();
            try {
                input.call.run();
                imported++;
            } catch (CoreException e) {
                refused++;
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    failures.add(input.describe() + ": refused without a message (" + e.getClass().getName() + ")");
                }
            } catch (Throwable e) {
                failures.add(input.describe() + ": " + e);
            }
            long took = System.nanoTime() - t0;
            slowest = Math.max(slowest, took);
            if (took > SLOW.toNanos()) {
                failures.add(input.describe() + ": took " + took / 1_000_000 + " ms");
            }
            if (failures.size() >= 20) {
                break;
            }
        }
        long total = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("ImportFuzzTest: seed %d, %d inputs, %d imported, %d refused, %d failures, slowest %d ms, "
                + "all %d ms%n", seed, inputs, imported, refused, failures.size(), slowest / 1_000_000, total);
        assertEquals(List.of(), failures, "inputs that got something else than an import or a CoreException");
        assertTrue(refused > inputs / 2, "most mutations are refused (else the mutator does not mutate)");
        assertTrue(imported > 0, "some mutations still import (indentation, CRLF, a changed PEM comment)");
    }

    interface Call {
        void run() throws CoreException;
    }

    record Input(int index, String target, String fixture, String mutation, Call call) {
        String describe() {
            return "input " + index + " (" + target + " of " + fixture + ", " + mutation + ")";
        }
    }

    private static Input input(Random random, int index) {
        int kind = random.nextInt(6);
        StringBuilder mutation = new StringBuilder();
        switch (kind) {
            case 0 -> {
                String chainName = pick(random, CHAINS);
                String keyName = pick(random, KEYS);
                boolean mutateChain = random.nextBoolean();
                String chain = mutateChain ? mutateText(random, text(chainName), mutation) : text(chainName);
                String key = mutateChain ? text(keyName) : mutateText(random, text(keyName), mutation);
                return new Input(index, "PEM import", chainName + " + " + keyName, mutation.toString(),
                        () -> PemImport.parse(chain, key, null, NOW));
            }
            case 1 -> {
                String keyName = pick(random, ENCRYPTED_KEYS);
                String key = mutateText(random, text(keyName), mutation);
                return new Input(index, "encrypted key", keyName, mutation.toString(),
                        () -> Pem.readPrivateKey(key, SECRET));
            }
            case 2 -> {
                String name = pick(random, PKCS12);
                byte[] file = mutateBytes(random, bytes(name), mutation);
                char[] password = random.nextInt(10) == 0 ? new char[0] : SECRET;
                return new Input(index, "PKCS#12 import", name, mutation.toString(),
                        () -> CertificateImport.fromPkcs12(file, password, NOW));
            }
            case 3 -> {
                String[] pair = DER_PAIRS[random.nextInt(DER_PAIRS.length)];
                byte[] der = mutateBytes(random, bytes(pair[0]), mutation);
                String key = text(pair[1]);
                return new Input(index, "DER import", pair[0], mutation.toString(),
                        () -> CertificateImport.fromDer(der, key, null, NOW));
            }
            case 4 -> {
                String certificate = pick(random, DER);
                String keyName = pick(random, KEYS);
                byte[] keyFile = random.nextBoolean()
                        ? mutateBytes(random, derOf(text(keyName)), mutation)
                        : mutateText(random, text(keyName), mutation).getBytes(StandardCharsets.ISO_8859_1);
                byte[] certificateFile = bytes(certificate);
                return new Input(index, "key file import", certificate + " + " + keyName, mutation.toString(),
                        () -> CertificateImport.fromFiles(certificateFile, keyFile, SECRET, NOW));
            }
            default -> {
                // random bytes and random text: no structure at all
                byte[] noise = new byte[random.nextInt(4096)];
                random.nextBytes(noise);
                mutation.append("noise of ").append(noise.length).append(" bytes");
                String asText = new String(noise, StandardCharsets.ISO_8859_1);
                return switch (random.nextInt(3)) {
                    case 0 -> new Input(index, "PEM import", "noise", mutation.toString(),
                            () -> PemImport.parse(asText, text("ec.key.pem"), null, NOW));
                    case 1 -> new Input(index, "PKCS#12 import", "noise", mutation.toString(),
                            () -> CertificateImport.fromPkcs12(noise, SECRET, NOW));
                    default -> new Input(index, "key file import", "noise", mutation.toString(),
                            () -> CertificateImport.fromFiles(bytes("formats/ec256.crt.der"), noise, SECRET, NOW));
                };
            }
        }
    }

    private static String pick(Random random, String[] names) {
        return names[random.nextInt(names.length)];
    }

    /** The DER of the first PEM block of a text. */
    private static byte[] derOf(String pem) {
        Matcher m = BLOCK.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("no PEM block");
        }
        return Base64.getMimeDecoder().decode(m.group(3));
    }

    /** One to three text mutations, described in {@code log}. */
    private static String mutateText(Random random, String text, StringBuilder log) {
        String out = text;
        int rounds = 1 + random.nextInt(3);
        for (int r = 0; r < rounds; r++) {
            int which = random.nextInt(10);
            log.append(log.length() == 0 ? "" : ", ");
            switch (which) {
                case 0, 1, 2 -> {
                    // inside a block: damage the DER under the base64
                    Matcher m = BLOCK.matcher(out);
                    List<int[]> blocks = new ArrayList<>();
                    while (m.find()) {
                        blocks.add(new int[]{m.start(3), m.end(3)});
                    }
                    if (blocks.isEmpty()) {
                        log.append("no block to damage");
                        break;
                    }
                    int[] block = blocks.get(random.nextInt(blocks.size()));
                    byte[] der;
                    try {
                        der = Base64.getMimeDecoder().decode(out.substring(block[0], block[1]));
                    } catch (IllegalArgumentException e) {
                        log.append("undecodable block");
                        break;
                    }
                    log.append("DER of a block: ");
                    byte[] damaged = mutateBytes(random, der, log);
                    String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(damaged) + "\n";
                    out = out.substring(0, block[0]) + base64 + out.substring(block[1]);
                }
                case 3 -> {
                    log.append("indented");
                    out = out.replace("\n", "\n" + " ".repeat(1 + random.nextInt(8)));
                }
                case 4 -> {
                    log.append("CRLF");
                    out = out.replace("\n", "\r\n");
                }
                case 5 -> {
                    String[] lines = out.split("\n", -1);
                    int a = random.nextInt(lines.length);
                    int b = random.nextInt(lines.length);
                    String t = lines[a];
                    lines[a] = lines[b];
                    lines[b] = t;
                    log.append("lines ").append(a).append(" and ").append(b).append(" swapped");
                    out = String.join("\n", lines);
                }
                case 6 -> {
                    String[] types = {"CERTIFICATE", "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY",
                            "EC PRIVATE KEY", "X509 CRL", "CERTIFICATE REQUEST", "PUBLIC KEY", "FOO", "PKCS7"};
                    String type = types[random.nextInt(types.length)];
                    log.append("a header made ").append(type);
                    out = out.replaceFirst("-----(BEGIN|END) [A-Z0-9 ]+-----", "-----$1 " + type + "-----");
                }
                case 7 -> {
                    int at = random.nextInt(out.length() + 1);
                    String[] inserts = {"\u00e9", "\u0000", "-----BEGIN CERTIFICATE-----\n", "-----END", "\n\n",
                            "Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\n", "====", "\uFFFD", "\t"};
                    String insert = inserts[random.nextInt(inserts.length)];
                    log.append("inserted ").append(escape(insert)).append(" at ").append(at);
                    out = out.substring(0, at) + insert + out.substring(at);
                }
                case 8 -> {
                    int cut = random.nextInt(out.length() + 1);
                    log.append("cut at ").append(cut);
                    out = out.substring(0, cut);
                }
                default -> {
                    log.append("text bytes: ");
                    out = new String(mutateBytes(random, out.getBytes(StandardCharsets.ISO_8859_1), log),
                            StandardCharsets.ISO_8859_1);
                }
            }
        }
        return out;
    }

    /** One to four byte mutations, described in {@code log}. */
    private static byte[] mutateBytes(Random random, byte[] in, StringBuilder log) {
        byte[] out = in.clone();
        int rounds = 1 + random.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            if (out.length == 0) {
                out = new byte[]{(byte) random.nextInt()};
            }
            int at = random.nextInt(out.length);
            switch (random.nextInt(7)) {
                case 0 -> {
                    out[at] ^= (byte) (1 << random.nextInt(8));
                    log.append("bit flip at ").append(at).append(' ');
                }
                case 1 -> {
                    byte[] special = {0x00, (byte) 0xff, (byte) 0x80, 0x7f, (byte) 0x81, (byte) 0x84, 0x30, 0x02};
                    out[at] = special[random.nextInt(special.length)];
                    log.append("byte ").append(at).append(" set ");
                }
                case 2 -> {
                    int length = 1 + random.nextInt(Math.min(64, out.length));
                    byte[] shorter = new byte[out.length - Math.min(length, out.length - at)];
                    System.arraycopy(out, 0, shorter, 0, at);
                    System.arraycopy(out, at + (out.length - shorter.length), shorter, at, shorter.length - at);
                    out = shorter;
                    log.append("deleted at ").append(at).append(' ');
                }
                case 3 -> {
                    byte[] extra = new byte[1 + random.nextInt(16)];
                    random.nextBytes(extra);
                    byte[] longer = new byte[out.length + extra.length];
                    System.arraycopy(out, 0, longer, 0, at);
                    System.arraycopy(extra, 0, longer, at, extra.length);
                    System.arraycopy(out, at, longer, at + extra.length, out.length - at);
                    out = longer;
                    log.append("inserted at ").append(at).append(' ');
                }
                case 4 -> {
                    byte[] cut = new byte[at];
                    System.arraycopy(out, 0, cut, 0, at);
                    out = cut;
                    log.append("truncated at ").append(at).append(' ');
                }
                case 5 -> {
                    int length = Math.min(out.length - at, 1 + random.nextInt(32));
                    byte[] doubled = new byte[out.length + length];
                    System.arraycopy(out, 0, doubled, 0, at + length);
                    System.arraycopy(out, at, doubled, at + length, out.length - at);
                    out = doubled;
                    log.append("duplicated at ").append(at).append(' ');
                }
                default -> {
                    // a DER length byte made long-form or huge
                    out[at] = (byte) (0x80 | random.nextInt(5));
                    log.append("length-like byte at ").append(at).append(' ');
                }
            }
        }
        return out;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }
}
