package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway under change and under load, with real JDK TLS clients on loopback (bounded in count and time):
 * a certificate replaced while clients loop on handshakes, and a small concurrent load — no failed handshake.
 */
class GatewayHotSwapIT {

    @TempDir
    Path dir;

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    /** A full handshake for the name, its leaf's fingerprint and when it began (System.nanoTime). */
    private record Handshake(long began, String fingerprint) {
    }

    @Test
    void aCertificateReplacedWhileClientsHandshakeIsServedNextWithoutAFailure() throws Exception {
        String name = unique("swap");
        Openssl.Pair first = Openssl.selfSigned(dir, name, "ec");
        JsonNode stored = CertgateApi.importPem(first.certificatePem(), first.keyPem()).body();
        String oldFingerprint = stored.get("fingerprintSha256").asText();

        // A keep-alive connection opened before the change: it must not be disturbed by it.
        SSLSocket open = TlsProbe.open(name);
        open.setSoTimeout(10_000);

        ConcurrentLinkedQueue<Handshake> seen = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> loops = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int c = 0; c < 4; c++) {
            loops.add(clients.submit(() -> {
                for (int i = 0; i < 2_000 && !stop.get() && System.nanoTime() < deadline; i++) {
                    long began = System.nanoTime();
                    try {
                        X509Certificate leaf = TlsProbe.leafFor(name);
                        seen.add(new Handshake(began, TlsProbe.sha256(leaf)));
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
                return null;
            }));
        }
        Thread.sleep(500); // let them loop on the old certificate first

        Files.createDirectories(dir.resolve("second"));
        Openssl.Pair second = Openssl.selfSigned(dir.resolve("second"), name, "ec");
        CertgateApi.Answer replaced = CertgateApi.put("/certificates/" + stored.get("id").asText(), Map.of(
                "certificate", second.certificatePem(), "privateKey", second.keyPem(),
                "version", stored.get("version").asLong()));
        long committed = System.nanoTime();
        assertEquals(200, replaced.status(), replaced.body().toString());
        String newFingerprint = replaced.body().get("fingerprintSha256").asText();

        Thread.sleep(1_000); // and on the new one
        stop.set(true);
        for (Future<?> loop : loops) {
            loop.get(40, TimeUnit.SECONDS);
        }
        clients.shutdownNow();

        assertEquals(List.of(), List.copyOf(failures), "no handshake failed while the certificate changed");
        assertTrue(seen.stream().anyMatch(h -> h.fingerprint().equals(oldFingerprint)), "the old one served before");
        List<Handshake> after = seen.stream().filter(h -> h.began() > committed).toList();
        assertTrue(after.size() > 0, "handshakes after the change");
        assertTrue(after.stream().allMatch(h -> h.fingerprint().equals(newFingerprint)),
                "every handshake begun after the API's answer gets the new certificate");

        // The connection opened before the change still carries requests, with the session it began with.
        OutputStream out = open.getOutputStream();
        out.write(("GET / HTTP/1.1\r\nHost: " + name + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        try (InputStream in = open.getInputStream()) {
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 404"), "still answered (no application here): " + answer);
        }
        assertEquals(oldFingerprint, TlsProbe.sha256((X509Certificate) open.getSession().getPeerCertificates()[0]));
        open.close();
    }

    @Test
    void aBoundedConcurrentLoadHasNoFailedHandshake() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String name = unique("load" + i);
            Files.createDirectories(dir.resolve("n" + i));
            Openssl.Pair pair = Openssl.selfSigned(dir.resolve("n" + i), name, i % 2 == 0 ? "ec" : "rsa");
            CertgateApi.importPem(pair.certificatePem(), pair.keyPem());
            names.add(name);
        }
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(16);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<Future<?>> loops = new ArrayList<>();
        for (int c = 0; c < 16; c++) {
            int slot = c;
            loops.add(clients.submit(() -> {
                for (int i = 0; i < 25 && System.nanoTime() < deadline; i++) { // 16 × 25 = 400 handshakes at most
                    String name = names.get((slot + i) % names.size());
                    try {
                        X509Certificate leaf = TlsProbe.leafFor(name);
                        if (!leaf.getSubjectX500Principal().getName().contains("CN=" + name)) {
                            wrong.add(name + " got " + leaf.getSubjectX500Principal());
                        }
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        failures.add(e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> loop : loops) {
            loop.get(90, TimeUnit.SECONDS);
        }
        clients.shutdownNow();
        assertEquals(List.of(), List.copyOf(failures), "no failed handshake");
        assertEquals(List.of(), List.copyOf(wrong), "each name its own certificate");
        assertEquals(400, ok.get(), "all within the time bound");
    }
}
