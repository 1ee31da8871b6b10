package dev.certgate.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes real keys and certificates with the openssl command, as an operator would. */
final class Openssl {

    /** A certificate and its key as files. */
    record Pair(Path certificate, Path key) {
        String certificatePem() throws IOException {
            return Files.readString(certificate);
        }

        String keyPem() throws IOException {
            return Files.readString(key);
        }

        /** The key as PKCS#8 DER. */
        byte[] keyPkcs8Der() throws IOException {
            Path der = key.resolveSibling(key.getFileName() + ".p8.der");
            run(key.getParent(), "openssl", "pkcs8", "-topk8", "-nocrypt", "-in", key.toString(), "-outform", "DER",
                    "-out", der.toString());
            return Files.readAllBytes(der);
        }

        /** The key in its traditional DER form (PKCS#1 for RSA, SEC1 for EC). */
        byte[] keyTraditionalDer() throws IOException {
            Path der = key.resolveSibling(key.getFileName() + ".trad.der");
            run(key.getParent(), "openssl", "pkey", "-in", key.toString(), "-traditional", "-outform", "DER",
                    "-out", der.toString());
            return Files.readAllBytes(der);
        }
    }

    private Openssl() {
    }

    /** A self-signed certificate for {@code name} (also its DNS SAN), valid 30 days; key "ec" or "rsa". */
    static Pair selfSigned(Path dir, String name, String keyType) throws IOException {
        Path key = dir.resolve(name + "." + keyType + ".key.pem");
        Path certificate = dir.resolve(name + "." + keyType + ".crt.pem");
        List<String> command = new ArrayList<>(List.of("openssl", "req", "-x509", "-newkey"));
        command.add(keyType.equals("rsa") ? "rsa:2048" : "ec");
        if (!keyType.equals("rsa")) {
            command.addAll(List.of("-pkeyopt", "ec_paramgen_curve:P-256"));
        }
        command.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", certificate.toString(), "-days", "30",
                "-subj", "/CN=" + name, "-addext", "subjectAltName=DNS:" + name));
        run(dir, command.toArray(String[]::new));
        return new Pair(certificate, key);
    }

    /** A self-signed EC certificate for {@code name} that expired on 2021-01-01. */
    static Pair expired(Path dir, String name) throws IOException {
        return dated(dir, name, "expired", "20200101000000Z", "20210101000000Z");
    }

    /** A self-signed EC certificate for {@code name} valid from {@code start} (ahead, say) to {@code end}. */
    static Pair validFrom(Path dir, String name, Instant start, Instant end) throws IOException {
        DateTimeFormatter openssl = DateTimeFormatter.ofPattern("yyyyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
        return dated(dir, name, "dated", openssl.format(start), openssl.format(end));
    }

    /** A self-signed EC certificate signed by {@code openssl ca} with the dates given (its format, UTC). */
    private static Pair dated(Path dir, String name, String kind, String start, String end) throws IOException {
        Path ca = Files.createDirectories(dir.resolve(kind + "-ca-" + name));
        Files.writeString(ca.resolve("index.txt"), "");
        Files.writeString(ca.resolve("serial"), "01\n");
        Files.writeString(ca.resolve("ca.cnf"), """
                [ca]
                default_ca = expired
                [expired]
                dir = %s
                database = $dir/index.txt
                serial = $dir/serial
                new_certs_dir = $dir
                default_md = sha256
                policy = anything
                copy_extensions = copy
                unique_subject = no
                [anything]
                commonName = supplied
                """.formatted(ca));
        Path key = dir.resolve(name + "." + kind + ".key.pem");
        Path csr = ca.resolve("req.csr");
        Path certificate = dir.resolve(name + "." + kind + ".crt.pem");
        run(dir, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key.toString(), "-out", csr.toString(), "-subj", "/CN=" + name,
                "-addext", "subjectAltName=DNS:" + name);
        run(dir, "openssl", "ca", "-batch", "-config", ca.resolve("ca.cnf").toString(), "-selfsign",
                "-keyfile", key.toString(), "-in", csr.toString(), "-out", certificate.toString(), "-notext",
                "-startdate", start, "-enddate", end);
        return new Pair(certificate, key);
    }

    /**
     * Runs {@code openssl s_client -connect <the gateway's HTTPS port>} with {@code options}, writes {@code input} to
     * it (then end of input), and returns everything it printed, whatever its exit status (it exits non-zero on a
     * refused handshake; the output says why). 30 s at most.
     */
    static String sClient(Path dir, String input, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect",
                "127.0.0.1:" + ItSettings.GATEWAY_PORT));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            try (var stdin = process.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.US_ASCII));
            }
            java.util.concurrent.CompletableFuture<byte[]> output = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return process.getInputStream().readAllBytes();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IOException(String.join(" ", command) + " did not end within 30 s");
            }
            return new String(output.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IOException(String.join(" ", command) + ": no output", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Runs a command to completion (60 s at most) and returns its standard output. */
    static String run(Path dir, String... command) throws IOException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try {
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n"
                        + new String(output, StandardCharsets.UTF_8));
            }
            return new String(output, StandardCharsets.UTF_8);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
