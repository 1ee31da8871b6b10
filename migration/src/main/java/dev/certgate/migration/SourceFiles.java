package dev.certgate.migration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Reading a source's files, never writing them: files are opened for reading only (symbolic links followed, as
 * certbot's {@code live/} links into {@code archive/}), with a size limit, and certificates are read with the JDK
 * just far enough to know their names.
 */
final class SourceFiles {

    /** A certificate or key file is a few KiB; anything over this is not one. */
    static final long MAX_BYTES = 1024 * 1024;

    private SourceFiles() {
    }

    static byte[] read(Path file) throws MigrationException {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new MigrationException("The file " + file + " is " + size + " bytes, too large for a "
                        + "certificate or key; the source does not look as expected.");
            }
            try (InputStream in = Files.newInputStream(file)) { // read only
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new MigrationException("The file " + file + " could not be read (" + e.getMessage() + "). Run "
                    + "the migration as a user who may read it (certbot's and Caddy's keys are readable by root "
                    + "only).", e);
        }
    }

    /** The directories directly inside {@code dir}, in name order (a source's layout is a tree of them). */
    static List<Path> directories(Path dir) throws MigrationException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new MigrationException(dir + " could not be listed (" + e.getMessage() + ").", e);
        }
    }

    static String text(Path file) throws MigrationException {
        return new String(read(file), StandardCharsets.UTF_8);
    }

    /**
     * The key algorithm of the first certificate of a PEM file ("EC", "RSA", "Ed25519", ...); empty when the file
     * holds no certificate the JDK can read.
     */
    static java.util.Optional<String> keyAlgorithm(byte[] pem) {
        try {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(pem));
            return all.stream().findFirst().map(leaf -> leaf.getPublicKey().getAlgorithm());
        } catch (CertificateException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    /**
     * The DNS names of the first certificate of a PEM file (SANs, else the common name), lower case; empty when the
     * file holds no certificate the JDK can read (the server's import then says what is wrong with it).
     */
    static List<String> dnsNames(byte[] pem) {
        try {
            Collection<? extends java.security.cert.Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new java.io.ByteArrayInputStream(pem));
            if (all.isEmpty()) {
                return List.of();
            }
            X509Certificate leaf = (X509Certificate) all.iterator().next();
            List<String> names = new ArrayList<>();
            Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (Integer.valueOf(2).equals(san.get(0))) {
                        names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
            if (names.isEmpty()) {
                String subject = leaf.getSubjectX500Principal().getName();
                for (String part : subject.split(",")) {
                    if (part.startsWith("CN=")) {
                        names.add(part.substring(3).toLowerCase(Locale.ROOT));
                    }
                }
            }
            return List.copyOf(names);
        } catch (CertificateParsingException e) {
            return List.of();
        } catch (CertificateException | RuntimeException e) {
            return List.of();
        }
    }
}
