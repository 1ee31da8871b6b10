package dev.certgate.bench.gateway;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Commit → served: how long after the REST call that replaces a name's certificate answers 200 (the transaction has
 * committed) a new handshake for that name gets the new certificate. One thread loops on full handshakes for the name
 * (a new client context each time: no resumption, which would keep the old certificate), recording when each began
 * and ended and which leaf it was served; the main thread replaces the certificate ({@code PUT
 * /certgate/api/v1/certificates/{id}} with a new key and certificate and the version it read) once per round.
 * <p>
 * Per round: {@code served} = end of the first handshake that got the new fingerprint − arrival of the 200 (negative
 * when the gateway already served it before the client had read the 200: the snapshot is replaced before the
 * response is sent); {@code stale} = handshakes that began after the 200 and still got the old certificate (should be
 * 0); failed handshakes are counted. Prints one line per round, then a summary with p50/p95/max.
 *
 * <pre>CommitToServed BASE_URL USER:PASSWORD GATEWAY_PORT NAME ROUNDS</pre>
 */
public final class CommitToServed {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    /** One handshake of the client loop: when it began and ended (System.nanoTime) and what it got. */
    private record Handshake(long began, long ended, String fingerprint) {
    }

    private record Material(String chainPem, String keyPem, String fingerprint) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String auth;
    private final int gatewayPort;
    private final String name;
    /** Appended by the client loop only, so in order of end time. */
    private final List<Handshake> handshakes = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean looping = true;
    private volatile long failures;

    private CommitToServed(String base, String credentials, int gatewayPort, String name) {
        this.base = base;
        this.auth = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
        this.gatewayPort = gatewayPort;
        this.name = name;
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[4]);
        if (rounds < 1 || rounds > 1000) {
            throw new IllegalArgumentException("ROUNDS: 1..1000");
        }
        new CommitToServed(args[0], args[1], Integer.parseInt(args[2]), args[3]).run(rounds);
    }

    private void run(int rounds) throws Exception {
        List<Material> materials = new ArrayList<>();
        for (int i = 0; i <= rounds; i++) {
            materials.add(material(i));
        }
        String created = send("POST", "/certgate/api/v1/certificates", body(materials.get(0), -1), 201);
        String id = group(ID, created);
        long version = Long.parseLong(group(VERSION, created));

        Thread client = new Thread(this::loop, "handshake-loop");
        client.setDaemon(true);
        client.start();
        Thread.sleep(3_000); // warm-up: the JIT, and the first certificate is served
        if (after(0).stream().noneMatch(h -> h.fingerprint().equals(materials.get(0).fingerprint()))) {
            throw new IllegalStateException("the first certificate is not served; failures: " + failures);
        }

        List<Double> served = new ArrayList<>();
        List<Double> fromSent = new ArrayList<>();
        long stale = 0;
        long failuresBefore = failures;
        int handshakesBefore = handshakes.size();
        long measureStarted = System.nanoTime();
        System.out.println("round  put_ms  served_after_200_ms  served_after_put_sent_ms  stale");
        for (int round = 1; round <= rounds; round++) {
            Thread.sleep(300);
            Material old = materials.get(round - 1);
            Material next = materials.get(round);
            int from = handshakes.size();
            long sent = System.nanoTime();
            String answer = send("PUT", "/certgate/api/v1/certificates/" + id, body(next, version), 200);
            long ok = System.nanoTime();
            version = Long.parseLong(group(VERSION, answer));
            Handshake first = awaitServed(from, next.fingerprint(), ok + 10_000_000_000L);
            if (first == null) {
                throw new IllegalStateException("round " + round + ": the new certificate was not served within 10 s");
            }
            long roundStale = after(from).stream()
                    .filter(h -> h.began() > ok && h.fingerprint().equals(old.fingerprint())).count();
            stale += roundStale;
            double afterOk = (first.ended() - ok) / 1e6;
            double afterSent = (first.ended() - sent) / 1e6;
            served.add(afterOk);
            fromSent.add(afterSent);
            System.out.printf(Locale.ROOT, "%5d  %6.1f  %19.1f  %24.1f  %5d%n", round, (ok - sent) / 1e6, afterOk,
                    afterSent, roundStale);
        }
        double seconds = (System.nanoTime() - measureStarted) / 1e9;
        looping = false;
        client.join(5_000);
        int measuredHandshakes = handshakes.size() - handshakesBefore;
        System.out.printf(Locale.ROOT, "SUMMARY rounds=%d served_after_200_ms p50=%.1f p95=%.1f max=%.1f min=%.1f"
                        + " | served_after_put_sent_ms p50=%.1f p95=%.1f max=%.1f | stale=%d failed_handshakes=%d"
                        + " handshakes=%d (%.0f/s: one every %.1f ms)%n",
                rounds, percentile(served, 50), percentile(served, 95), max(served), min(served),
                percentile(fromSent, 50), percentile(fromSent, 95), max(fromSent), stale, failures - failuresBefore,
                measuredHandshakes, measuredHandshakes / seconds, seconds * 1000 / Math.max(1, measuredHandshakes));
        if (stale > 0 || failures > failuresBefore) {
            System.exit(3);
        }
    }

    /** The first handshake from index {@code from} on that got {@code fingerprint}, waiting until {@code deadline}. */
    private Handshake awaitServed(int from, String fingerprint, long deadline) throws InterruptedException {
        int checked = from;
        while (System.nanoTime() < deadline) {
            List<Handshake> recent = after(checked);
            for (Handshake h : recent) {
                if (h.fingerprint().equals(fingerprint)) {
                    return h;
                }
            }
            checked += recent.size();
            Thread.sleep(1);
        }
        return null;
    }

    /** A copy of the handshakes recorded from index {@code from} on. */
    private List<Handshake> after(int from) {
        synchronized (handshakes) {
            return new ArrayList<>(handshakes.subList(Math.min(from, handshakes.size()), handshakes.size()));
        }
    }

    private void loop() {
        while (looping) {
            long began = System.nanoTime();
            try {
                SSLContext context = SSLContext.getInstance("TLS"); // new each time: nothing to resume
                context.init(null, new TrustManager[]{new AcceptAll()}, null);
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", gatewayPort)) {
                    socket.setSoTimeout(10_000);
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(name)));
                    socket.setSSLParameters(parameters);
                    socket.startHandshake();
                    X509Certificate leaf = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                    handshakes.add(new Handshake(began, System.nanoTime(), sha256(leaf.getEncoded())));
                }
            } catch (Exception e) {
                failures++;
                System.err.println("handshake failed: " + e);
            }
        }
    }

    /** A new EC P-256 key and a self-signed certificate for the name (serial = round, so each differs). */
    private Material material(int round) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        Instant now = Instant.now();
        X500Name subject = new X500Name("CN=" + name);
        byte[] der = new JcaX509v3CertificateBuilder(subject, BigInteger.valueOf(1_000_000L + round),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                key.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, name)))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                .getEncoded();
        return new Material(pem("CERTIFICATE", der), pem("PRIVATE KEY", key.getPrivate().getEncoded()), sha256(der));
    }

    private static String body(Material material, long version) {
        return "{\"certificate\":" + json(material.chainPem()) + ",\"privateKey\":" + json(material.keyPem())
                + (version >= 0 ? ",\"version\":" + version : "") + ",\"description\":\"commit-to-served\"}";
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", auth)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException(pattern + " not in " + text);
        }
        return m.group(1);
    }

    private static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size()); // nearest rank
        return sorted.get(Math.max(0, rank - 1));
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String json(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
