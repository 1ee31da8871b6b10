package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import dev.certgate.core.CoreException;
import dev.certgate.core.OversizedInputException;
import dev.certgate.core.WrongSecretException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Many files at once: PEM (certificates, keys or both), DER certificates and keys, PKCS#12 files, and ZIP archives of
 * them. Every file is read, every private key is paired with the certificate whose public key it matches, each leaf
 * gets the chain the batch holds for it, and each pair gets the checks of a single import ({@link ImportChecks}).
 * The answer is a plan: one {@link Item} per certificate found or file refused, each naming the files it came from,
 * so that every file of the batch has at least one line. Nothing here is stored; the certificate service stores the
 * plan's {@link Ready} items (and finds duplicates of what it already holds).
 * <p>
 * A broken file never spoils the others: its failure is its own item. Only the batch as a whole can be refused
 * ({@link #plan} throws), when it is empty or over the limits.
 */
public final class BulkImport {

    /** The field of a batch-level refusal, as the API names it. */
    public static final String FILES = "files";
    /** The most files a batch takes, ZIP entries included. */
    public static final int MAX_FILES = 5000;
    /** The most bytes a batch takes, ZIP entries counted unpacked: 8 MiB (a certificate with its key is ~4 KiB). */
    public static final int MAX_TOTAL_BYTES = 8 * 1024 * 1024;

    private BulkImport() {
    }

    /**
     * One file of a batch.
     *
     * @param name    the file's name as the user knows it (a path within a migration source, or an upload's name)
     * @param content its bytes
     * @param origin  where it comes from, for the audit log ("bulk upload", "certbot /etc/letsencrypt/live/a"); null:
     *                the name
     * @param acme    the file was issued by an ACME CA that certgate is to renew (a migration adopting it)
     */
    public record SourceFile(String name, byte[] content, String origin, boolean acme) {
        public SourceFile {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(content, "content");
            origin = origin == null ? name : origin;
        }

        /** A plain upload. */
        public static SourceFile of(String name, byte[] content) {
            return new SourceFile(name, content, null, false);
        }

        @Override
        public String toString() {
            return "SourceFile[" + name + ", " + content.length + " bytes]"; // never the content
        }
    }

    /** A line of the plan. */
    public sealed interface Item permits Ready, Expired, Repeated, Refused {
        /** The files this line comes from, in batch order. */
        List<String> files();
    }

    /**
     * A checked certificate with its key, to be stored (unless the store already has it).
     *
     * @param expired it has expired and was kept because the batch asked for expired ones
     */
    public record Ready(List<String> files, ImportedCertificate material, String origin, boolean acme,
                        boolean expired) implements Item {
        public Ready {
            files = List.copyOf(files);
        }
    }

    /** An expired certificate, reported and not imported (the batch did not ask for expired ones). */
    public record Expired(List<String> files, LeafCertificate leaf) implements Item {
        public Expired {
            files = List.copyOf(files);
        }
    }

    /** A certificate the batch holds twice; the first is the one planned. */
    public record Repeated(List<String> files, LeafCertificate leaf) implements Item {
        public Repeated {
            files = List.copyOf(files);
        }
    }

    /** A file, or a pair of files, that cannot be imported; {@code reason} says why in the user's words. */
    public record Refused(List<String> files, CoreException reason) implements Item {
        public Refused {
            files = List.copyOf(files);
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Plans the import of a batch.
     *
     * @param files         the batch, in the order given; ZIP files are opened (one level: a ZIP inside a ZIP is
     *                      refused)
     * @param passphrase    the one passphrase for the batch's encrypted keys and PKCS#12 files; null for none. Not kept.
     * @param acceptExpired plan expired certificates as {@link Ready} (with a warning) instead of {@link Expired}
     * @param now           the instant to judge validity against
     * @throws BadInputException when the batch is empty, or holds more than {@link #MAX_FILES} files or
     *                           {@link #MAX_TOTAL_BYTES} bytes ({@link OversizedInputException})
     */
    public static List<Item> plan(List<SourceFile> files, char[] passphrase, boolean acceptExpired, Instant now)
            throws BadInputException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(now, "now");
        if (files.isEmpty()) {
            throw new BadInputException(FILES, "No files were given. Choose the certificate and key files (PEM, "
                    + "DER, PKCS#12) or a ZIP of them.");
        }
        List<Item> items = new ArrayList<>();
        List<Parsed> parsed = new ArrayList<>();
        long[] total = {0};
        for (SourceFile file : files) {
            if (isZip(file)) {
                unzip(file, items, parsed, passphrase, total);
            } else {
                count(total, file.content().length, parsed.size() + items.size() + 1);
                parsed.add(read(file, passphrase));
            }
        }
        return pair(parsed, items, passphrase, acceptExpired, now);
    }

    /** What one file held once read. */
    private static final class Parsed {
        final SourceFile file;
        final List<X509Certificate> certificates = new ArrayList<>();
        PrivateKey key;
        byte[] pkcs12;
        CoreException failure;

        Parsed(SourceFile file) {
            this.file = file;
        }
    }

    private static void count(long[] total, long bytes, int files) throws BadInputException {
        total[0] += bytes;
        if (total[0] > MAX_TOTAL_BYTES) {
            throw new OversizedInputException(FILES, "batch of files", total[0], MAX_TOTAL_BYTES);
        }
        if (files > MAX_FILES) {
            throw new BadInputException(FILES, "The batch holds more than " + MAX_FILES + " files. Import it in "
                    + "several parts.");
        }
    }

    private static boolean isZip(SourceFile file) {
        byte[] b = file.content();
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    private static void unzip(SourceFile zip, List<Item> items, List<Parsed> parsed, char[] passphrase, long[] total)
            throws BadInputException {
        int before = parsed.size();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.content()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                String name = zip.name() + "!/" + entry.getName();
                byte[] content = readBounded(in, total);
                count(total, 0, parsed.size() + items.size() + 1);
                SourceFile file = new SourceFile(name, content, zip.origin() + " (" + entry.getName() + ")",
                        zip.acme());
                if (isZip(file)) {
                    items.add(new Refused(List.of(name), new BadInputException(FILES, "The file " + name
                            + " is a ZIP inside a ZIP. Unpack it and import its files, or a ZIP of them.")));
                } else {
                    parsed.add(read(file, passphrase));
                }
            }
        } catch (OversizedInputException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            items.add(new Refused(List.of(zip.name()), new BadInputException(FILES, "The file " + zip.name()
                    + " looks like a ZIP archive but could not be read: it is damaged or cut short. Nothing of it "
                    + "was imported.", e)));
            parsed.subList(before, parsed.size()).clear();
            return;
        }
        if (parsed.size() == before) {
            items.add(new Refused(List.of(zip.name()), new BadInputException(FILES, "The ZIP archive "
                    + zip.name() + " holds no files.")));
        }
    }

    /** Reads one ZIP entry, counting its unpacked bytes against the batch's limit as it goes (no ZIP bomb). */
    private static byte[] readBounded(ZipInputStream in, long[] total) throws IOException, BadInputException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
            out.write(buffer, 0, n);
            count(total, n, 0);
        }
        return out.toByteArray();
    }

    /** Reads one file: what it holds, or why it cannot be used. Never throws for a bad file. */
    private static Parsed read(SourceFile file, char[] passphrase) {
        Parsed parsed = new Parsed(file);
        byte[] bytes = file.content();
        String lower = file.name().toLowerCase(Locale.ROOT);
        try {
            if (bytes.length == 0) {
                throw new BadInputException(FILES, "The file is empty.");
            }
            if (bytes.length > CertificateImport.MAX_BINARY_BYTES) {
                throw new OversizedInputException(FILES, "file " + file.name(), bytes.length,
                        CertificateImport.MAX_BINARY_BYTES);
            }
            if (lower.endsWith(".p12") || lower.endsWith(".pfx")) {
                parsed.pkcs12 = bytes;
            } else if (CertificateImport.looksLikePem(bytes)) {
                String text = new String(bytes, StandardCharsets.US_ASCII);
                if (text.contains("PRIVATE KEY-----")) {
                    parsed.key = Pem.readPrivateKey(text, passphrase);
                }
                if (text.contains("-----BEGIN CERTIFICATE-----") || text.contains("-----BEGIN X509 CERTIFICATE")
                        || text.contains("-----BEGIN TRUSTED CERTIFICATE")) {
                    parsed.certificates.addAll(Pem.readCertificates(text));
                }
                if (parsed.key == null && parsed.certificates.isEmpty()) {
                    throw new BadInputException(FILES, "The file holds PEM text but no certificate and no private "
                            + "key (a certificate request or parameters, perhaps).");
                }
            } else {
                readBinary(parsed, bytes);
            }
        } catch (CoreException e) {
            parsed.failure = e;
            parsed.key = null;
            parsed.certificates.clear();
        }
        return parsed;
    }

    /** A file without PEM armour: a DER certificate, a DER key or a PKCS#12 file, tried in that order. */
    private static void readBinary(Parsed parsed, byte[] bytes) throws CoreException {
        try {
            parsed.certificates.add(CertificateImport.readDer(bytes));
            return;
        } catch (BadInputException notACertificate) {
            // next guess
        }
        if (looksLikePkcs12(bytes)) {
            parsed.pkcs12 = bytes;
            return;
        }
        try {
            String label = CertificateImport.derKeyLabel(bytes);
            parsed.key = Pem.readPrivateKey(Pem.armor(label, bytes), null);
        } catch (WrongSecretException e) {
            throw e;
        } catch (BadInputException e) {
            throw new BadInputException(FILES, "The file is not a certificate, a private key, a PKCS#12 file or "
                    + "a ZIP archive in a format certgate reads (PEM, DER, PKCS#12).", e);
        }
    }

    /** PFX: SEQUENCE { INTEGER 3, ContentInfo ... } — the version 3 right after the outer header. */
    private static boolean looksLikePkcs12(byte[] b) {
        if (b.length < 8 || b[0] != 0x30) {
            return false;
        }
        int i = 1;
        int lengthByte = b[i++] & 0xff;
        if (lengthByte > 0x80) {
            i += lengthByte - 0x80;
        }
        return i + 2 < b.length && b[i] == 0x02 && b[i + 1] == 0x01 && b[i + 2] == 0x03;
    }

    private static List<Item> pair(List<Parsed> parsed, List<Item> items, char[] passphrase, boolean acceptExpired,
                                   Instant now) {
        Map<SourceFile, Boolean> used = new LinkedHashMap<>();
        for (Parsed p : parsed) {
            used.put(p.file, false);
        }
        Set<String> fingerprints = new HashSet<>();
        List<Item> planned = new ArrayList<>();

        // Every certificate of the batch, once, with the first file that holds it.
        Map<X509Certificate, Parsed> pool = new LinkedHashMap<>();
        for (Parsed p : parsed) {
            for (X509Certificate c : p.certificates) {
                pool.putIfAbsent(c, p);
            }
        }
        Set<X509Certificate> leaves = new HashSet<>();
        // certificates by their public value, so each key is tried only against the certificates it may be for
        Map<java.math.BigInteger, List<X509Certificate>> byPublicValue = new java.util.HashMap<>();
        List<X509Certificate> unindexed = new ArrayList<>();
        for (X509Certificate c : pool.keySet()) {
            java.util.Optional<java.math.BigInteger> value = Keys.publicValue(c.getPublicKey());
            if (value.isPresent()) {
                byPublicValue.computeIfAbsent(value.get(), any -> new ArrayList<>()).add(c);
            } else {
                unindexed.add(c);
            }
        }

        for (Parsed p : parsed) {
            if (p.failure != null) {
                planned.add(new Refused(List.of(p.file.name()), p.failure));
                used.put(p.file, true);
            } else if (p.pkcs12 != null) {
                used.put(p.file, true);
                planned.add(pkcs12(p, passphrase, acceptExpired, now, fingerprints));
            }
        }
        for (Parsed keyFile : parsed) {
            if (keyFile.key == null) {
                continue;
            }
            java.util.Optional<java.math.BigInteger> value = Keys.publicValue(keyFile.key);
            Iterable<X509Certificate> candidates = value.isPresent()
                    ? byPublicValue.getOrDefault(value.get(), List.of()) : pool.keySet();
            List<X509Certificate> matching = new ArrayList<>();
            for (X509Certificate c : candidates) {
                if (Keys.matches(keyFile.key, c.getPublicKey())) {
                    matching.add(c);
                }
            }
            if (value.isPresent()) {
                for (X509Certificate c : unindexed) { // a certificate whose key has no shortcut (Ed25519)
                    if (Keys.matches(keyFile.key, c.getPublicKey())) {
                        matching.add(c);
                    }
                }
            }
            if (matching.isEmpty()) {
                planned.add(new Refused(List.of(keyFile.file.name()), new BadInputException(FILES, "No certificate "
                        + "in the batch belongs to the private key in " + keyFile.file.name() + ". Add the "
                        + "certificate file to the batch.")));
                used.put(keyFile.file, true);
                continue;
            }
            for (X509Certificate leafCertificate : matching) {
                leaves.add(leafCertificate);
                Parsed leafFile = pool.get(leafCertificate);
                List<X509Certificate> chain = chainOf(leafCertificate, pool.keySet());
                Set<String> names = new LinkedHashSet<>();
                for (Parsed p : parsed) { // batch order
                    if (p == keyFile || p == leafFile || chain.stream().skip(1).anyMatch(c -> pool.get(c) == p)) {
                        names.add(p.file.name());
                        used.put(p.file, true);
                    }
                }
                planned.add(check(List.copyOf(names), chain, keyFile.key, leafFile.file, acceptExpired, now,
                        fingerprints));
            }
        }
        // Files that gave nothing to any certificate: say why.
        for (Parsed p : parsed) {
            if (used.get(p.file)) {
                continue;
            }
            X509Certificate withoutKey = p.certificates.stream()
                    .filter(c -> !leaves.contains(c) && c.getBasicConstraints() < 0).findFirst().orElse(null);
            String message = withoutKey != null
                    ? "The batch holds no private key for the certificate for "
                    + LeafCertificate.of(withoutKey).commonName() + " in " + p.file.name() + ". Add its key file "
                    + "to the batch."
                    : "The file " + p.file.name() + " holds only CA certificates that no certificate in the batch "
                    + "is issued by; nothing was imported from it.";
            planned.add(new Refused(List.of(p.file.name()), new BadInputException(FILES, message)));
        }
        items.addAll(planned);
        return List.copyOf(items);
    }

    private static Item pkcs12(Parsed p, char[] passphrase, boolean acceptExpired, Instant now,
                               Set<String> fingerprints) {
        List<String> files = List.of(p.file.name());
        try {
            ImportedCertificate material = CertificateImport.fromPkcs12(p.pkcs12, passphrase, now, acceptExpired);
            return ready(files, material, p.file, now, fingerprints);
        } catch (ExpiredLeafException e) {
            return expiredPkcs12(files, p, passphrase, now, e);
        } catch (CoreException e) {
            return new Refused(files, e);
        }
    }

    /** The leaf of an expired PKCS#12 file, read again accepting it, for the report. */
    private static Item expiredPkcs12(List<String> files, Parsed p, char[] passphrase, Instant now,
                                      ExpiredLeafException e) {
        try {
            return new Expired(files, CertificateImport.fromPkcs12(p.pkcs12, passphrase, now, true).leaf());
        } catch (CoreException again) {
            return new Refused(files, e);
        }
    }

    private static Item check(List<String> files, List<X509Certificate> chain, PrivateKey key, SourceFile leafFile,
                              boolean acceptExpired, Instant now, Set<String> fingerprints) {
        try {
            return ready(files, ImportChecks.check(chain, key, now, acceptExpired), leafFile, now, fingerprints);
        } catch (ExpiredLeafException e) {
            return new Expired(files, LeafCertificate.of(chain.get(0)));
        } catch (CoreException e) {
            return new Refused(files, e);
        }
    }

    private static Item ready(List<String> files, ImportedCertificate material, SourceFile leafFile, Instant now,
                              Set<String> fingerprints) {
        if (!fingerprints.add(material.leaf().fingerprintSha256())) {
            return new Repeated(files, material.leaf());
        }
        return new Ready(files, material, leafFile.origin(), leafFile.acme(), material.leaf().notAfter().isBefore(now));
    }

    /** The leaf, then each issuer the batch holds, up to a root or the last one found. */
    private static List<X509Certificate> chainOf(X509Certificate leaf, Set<X509Certificate> pool) {
        List<X509Certificate> chain = new ArrayList<>(List.of(leaf));
        List<X509Certificate> remaining = new ArrayList<>(pool);
        remaining.remove(leaf);
        X509Certificate last = leaf;
        while (!CertificateDetails.selfSigned(last) && chain.size() < 10) {
            X509Certificate issuer = ImportChecks.issuerOf(last, remaining);
            if (issuer == null) {
                break;
            }
            chain.add(issuer);
            remaining.remove(issuer);
            last = issuer;
        }
        return chain;
    }

    /** The SHA-256 fingerprints of the certificates a plan would store, to ask the store which it holds. */
    public static List<String> fingerprints(List<Item> plan) {
        List<String> out = new ArrayList<>();
        for (Item item : plan) {
            if (item instanceof Ready ready) {
                out.add(ready.material().leaf().fingerprintSha256());
            }
        }
        return out;
    }
}
