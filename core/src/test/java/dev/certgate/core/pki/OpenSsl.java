package dev.certgate.core.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl command on files a test wrote, to see certificates as other TLS software sees them. */
final class OpenSsl {

    /** What openssl printed (standard output and error together) and its exit code. */
    record Result(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    static Result run(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("openssl did not finish: " + command);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** openssl x509 -text of a certificate, with runs of white space made one space so assertions read simply. */
    static String text(Path directory, X509Certificate certificate) {
        Path file = write(directory, "text.pem", Pem.encodeCertificates(List.of(certificate)));
        Result result = run(directory, "x509", "-noout", "-text", "-in", file.toString());
        if (result.exitCode() != 0) {
            throw new AssertionError("openssl x509 failed: " + result.output());
        }
        return result.output().replaceAll("\\s+", " ");
    }

    static Path write(Path directory, String name, String text) {
        try {
            return Files.writeString(directory.resolve(name), text, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PKCS#8 PEM of a key, as openssl writes it (Pem has no key writer: keys leave certgate only sealed). */
    static String keyPem(PrivateKey key) {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
