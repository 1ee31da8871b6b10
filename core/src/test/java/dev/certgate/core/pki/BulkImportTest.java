package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import dev.certgate.core.WrongSecretException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Batches of real openssl-made files (src/test/resources/pki): pairing, chains, and every kind of refusal. */
class BulkImportTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final char[] SECRET = "secret".toCharArray();

    private static BulkImport.SourceFile file(String fixture) {
        return BulkImport.SourceFile.of(fixture.substring(fixture.lastIndexOf('/') + 1), Fixtures.bytes(fixture));
    }

    private static <T extends BulkImport.Item> T only(List<BulkImport.Item> plan, Class<T> kind, String file) {
        List<BulkImport.Item> found = plan.stream().filter(i -> i.files().contains(file)).toList();
        assertEquals(1, found.size(), file + " in " + plan);
        return assertInstanceOf(kind, found.get(0), plan.toString());
    }

    @Test
    void pairsKeysWithTheirCertificatesByPublicKeyWhateverTheFormat() throws Exception {
        List<BulkImport.Item> plan = BulkImport.plan(List.of(
                file("formats/ec256.crt.der"),
                file("formats/rsa2048.p12"),
                file("formats/ec384-pkcs8-encrypted.key.pem"),
                file("formats/intermediate.crt.pem"),
                file("formats/ec384.chain.pem"),
                file("formats/ec256.key.pem")), SECRET, false, NOW);

        assertEquals(3, plan.size(), plan.toString());
        BulkImport.Ready ec256 = only(plan, BulkImport.Ready.class, "ec256.crt.der");
        // the intermediate from its own file, the root from the ec384 chain file: each file that gave a part is named
        assertEquals(List.of("ec256.crt.der", "intermediate.crt.pem", "ec384.chain.pem", "ec256.key.pem"),
                ec256.files());
        assertEquals(3, ec256.material().chain().size(), "the other files complete the chain");
        BulkImport.Ready ec384 = only(plan, BulkImport.Ready.class, "ec384-pkcs8-encrypted.key.pem");
        assertEquals("ec384.formats.example.test", ec384.material().leaf().commonName(), "the passphrase opened it");
        assertEquals("ec384.chain.pem", ec384.origin(), "the origin is the leaf's file");
        BulkImport.Ready rsa = only(plan, BulkImport.Ready.class, "rsa2048.p12");
        assertEquals("rsa2048.p12", rsa.origin());
        assertEquals(3, rsa.material().chain().size());
    }

    @Test
    void aBrokenFileIsItsOwnLineAndTheGoodOnesStillPair() throws Exception {
        List<BulkImport.Item> plan = BulkImport.plan(List.of(
                file("formats/ec256.chain.pem"), file("bad/garbage.bin"), file("formats/ec256.key.pem"),
                file("bad/truncated.pem"), BulkImport.SourceFile.of("empty.pem", new byte[0])), null, false, NOW);

        only(plan, BulkImport.Ready.class, "ec256.key.pem");
        assertTrue(only(plan, BulkImport.Refused.class, "garbage.bin").reason().getMessage()
                .contains("not a certificate, a private key, a PKCS#12 file or a ZIP archive"));
        assertTrue(only(plan, BulkImport.Refused.class, "truncated.pem").reason().getMessage()
                .contains("could not be read"));
        assertEquals("The file is empty.", only(plan, BulkImport.Refused.class, "empty.pem").reason().getMessage());
    }

    @Test
    void aKeyWithoutItsCertificateAndACertificateWithoutItsKeyAreRefusedByName() throws Exception {
        List<BulkImport.Item> plan = BulkImport.plan(List.of(
                file("formats/ec256.key.pem"), file("formats/rsa2048.chain.pem"), file("formats/root.crt.pem")),
                null, false, NOW);

        assertTrue(only(plan, BulkImport.Refused.class, "ec256.key.pem").reason().getMessage()
                .startsWith("No certificate in the batch belongs to the private key in ec256.key.pem."));
        assertTrue(only(plan, BulkImport.Refused.class, "rsa2048.chain.pem").reason().getMessage()
                .startsWith("The batch holds no private key for the certificate for"));
        assertTrue(only(plan, BulkImport.Refused.class, "root.crt.pem").reason().getMessage()
                .contains("only CA certificates"));
    }

    @Test
    void expiredCertificatesAreReportedAndImportedOnlyWhenAsked() throws Exception {
        List<BulkImport.SourceFile> batch = List.of(file("expired.crt.pem"), file("expired.key.pem"));
        Instant today = Instant.now();

        BulkImport.Expired reported = only(BulkImport.plan(batch, null, false, today), BulkImport.Expired.class,
                "expired.crt.pem");
        assertTrue(reported.leaf().notAfter().isBefore(today));

        BulkImport.Ready kept = only(BulkImport.plan(batch, null, true, today), BulkImport.Ready.class,
                "expired.crt.pem");
        assertTrue(kept.expired());
        assertTrue(kept.material().warnings().get(0).contains("expired at"), kept.material().warnings().toString());
    }

    @Test
    void theSameCertificateTwiceIsPlannedOnce() throws Exception {
        List<BulkImport.Item> plan = BulkImport.plan(List.of(
                file("formats/ec256.p12"), file("formats/ec256.chain.pem"), file("formats/ec256.key.pem")),
                SECRET, false, NOW);
        assertEquals(2, plan.size(), plan.toString());
        only(plan, BulkImport.Ready.class, "ec256.p12");
        only(plan, BulkImport.Repeated.class, "ec256.key.pem");
    }

    @Test
    void aZipIsOpenedAndItsEntriesNamedInsideIt() throws Exception {
        byte[] zip = zip("ec256/ec256.chain.pem", Fixtures.bytes("formats/ec256.chain.pem"),
                "ec256/ec256.key.pem", Fixtures.bytes("formats/ec256.key.pem"),
                "inner.zip", zip("x.pem", Fixtures.bytes("formats/root.crt.pem")),
                "junk.bin", Fixtures.bytes("bad/garbage.bin"));
        List<BulkImport.Item> plan = BulkImport.plan(List.of(BulkImport.SourceFile.of("certs.zip", zip)),
                null, false, NOW);

        BulkImport.Ready ready = only(plan, BulkImport.Ready.class, "certs.zip!/ec256/ec256.key.pem");
        assertEquals("certs.zip (ec256/ec256.chain.pem)", ready.origin());
        assertTrue(only(plan, BulkImport.Refused.class, "certs.zip!/inner.zip").reason().getMessage()
                .contains("ZIP inside a ZIP"));
        only(plan, BulkImport.Refused.class, "certs.zip!/junk.bin");
    }

    @Test
    void aDamagedZipIsRefusedWhole() throws Exception {
        byte[] zip = zip("a.pem", Fixtures.bytes("formats/ec256.chain.pem"), "b.pem",
                Fixtures.bytes("formats/ec256.key.pem"));
        byte[] cut = Arrays.copyOf(zip, zip.length / 2);
        List<BulkImport.Item> plan = BulkImport.plan(List.of(BulkImport.SourceFile.of("cut.zip", cut)), null, false,
                NOW);
        assertEquals(1, plan.size(), plan.toString());
        assertTrue(only(plan, BulkImport.Refused.class, "cut.zip").reason().getMessage().contains("damaged"));
    }

    @Test
    void aWrongPassphraseIsSaidForTheFileItOpensNot() throws Exception {
        List<BulkImport.Item> plan = BulkImport.plan(List.of(file("formats/ec256.p12"),
                file("formats/ec384-pkcs8-encrypted.key.pem"), file("formats/ec384.chain.pem")),
                "wrong".toCharArray(), false, NOW);
        assertInstanceOf(WrongSecretException.class,
                only(plan, BulkImport.Refused.class, "ec256.p12").reason());
        assertInstanceOf(WrongSecretException.class,
                only(plan, BulkImport.Refused.class, "ec384-pkcs8-encrypted.key.pem").reason());
    }

    @Test
    void anEmptyOrOversizedBatchIsRefusedWhole() {
        assertThrows(BadInputException.class, () -> BulkImport.plan(List.of(), null, false, NOW));
        List<BulkImport.SourceFile> many = new ArrayList<>();
        for (int i = 0; i <= BulkImport.MAX_FILES; i++) {
            many.add(BulkImport.SourceFile.of("f" + i, new byte[]{1}));
        }
        assertTrue(assertThrows(BadInputException.class, () -> BulkImport.plan(many, null, false, NOW))
                .getMessage().contains("more than " + BulkImport.MAX_FILES));
        byte[] big = new byte[1024 * 1024];
        List<BulkImport.SourceFile> heavy = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            heavy.add(BulkImport.SourceFile.of("big" + i, big));
        }
        assertThrows(dev.certgate.core.OversizedInputException.class,
                () -> BulkImport.plan(heavy, null, false, NOW));
    }

    @Test
    void manyPairsArePairedByLookupNotByTryingEveryKeyOnEveryCertificate() throws Exception {
        List<BulkImport.SourceFile> batch = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ImportedCertificate made = SelfSigned.issue(CertificateRequest.builder().commonName("many" + i + ".test")
                    .build(), Instant.now());
            batch.add(BulkImport.SourceFile.of("c" + i + ".pem",
                    made.chainPem().getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            batch.add(BulkImport.SourceFile.of("k" + i + ".pem", Pem.armor("PRIVATE KEY", made.key().getEncoded())
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        java.util.Collections.reverse(batch); // keys before their certificates
        long before = Keys.CHECKS.sum();
        List<BulkImport.Item> plan = BulkImport.plan(batch, null, false, Instant.now());
        long checks = Keys.CHECKS.sum() - before;
        assertEquals(60, plan.size());
        assertTrue(plan.stream().allMatch(BulkImport.Ready.class::isInstance), plan.toString());
        // by trial it would be up to 60 x 60 signature checks; by lookup, one or two a pair
        assertTrue(checks <= 2 * 60, checks + " signature checks for 60 pairs");
    }

    static byte[] zip(Object... nameThenBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < nameThenBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) nameThenBytes[i]));
                zip.write((byte[]) nameThenBytes[i + 1]);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
