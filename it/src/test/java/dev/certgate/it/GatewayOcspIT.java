package dev.certgate.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * OCSP stapling: a CA made here with openssl, a real {@code openssl ocsp} responder (behind a loopback HTTP front
 * started by the test, since {@code openssl ocsp -port} listens on every interface), a leaf naming that responder
 * (AIA) imported with its chain through the REST API; the gateway staples the responder's answer, and keeps it.
 * A certificate naming no responder handshakes without a staple and without waiting; one naming a responder that
 * never answers waits at most the configured response timeout (1 s, tls.cli).
 */
class GatewayOcspIT {

    @TempDir
    Path dir;

    private final List<Closeable> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger ocspRequests = new AtomicInteger();
    private Path ca;

    @BeforeEach
    void makeCa() throws IOException {
        ca = Files.createDirectories(dir.resolve("ca"));
        Files.writeString(ca.resolve("index.txt"), "");
        Files.writeString(ca.resolve("serial"), "1000\n");
        Openssl.run(ca, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "30", "-subj", "/CN=certgate IT OCSP CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign,digitalSignature");
    }

    @AfterEach
    void stopResponders() throws IOException {
        for (Closeable closeable : started) {
            closeable.close();
        }
    }

    /** The responder: each request is answered by {@code openssl ocsp -index} from the CA's database. */
    private String startResponder() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answerOcsp);
        server.start();
        started.add(() -> server.stop(0));
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void answerOcsp(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            if ("POST".equals(exchange.getRequestMethod())) {
                request = exchange.getRequestBody().readAllBytes();
            } else { // GET /{url-encoded base64 of the DER request}
                String path = exchange.getRequestURI().getRawPath().substring(1);
                request = Base64.getDecoder().decode(URLDecoder.decode(path, StandardCharsets.US_ASCII));
            }
            int n = ocspRequests.incrementAndGet();
            Path in = ca.resolve("request-" + n + ".der");
            Path out = ca.resolve("response-" + n + ".der");
            Files.write(in, request);
            Openssl.run(ca, "openssl", "ocsp", "-index", "index.txt", "-CA", "ca.crt", "-rsigner", "ca.crt",
                    "-rkey", "ca.key", "-ndays", "1", "-reqin", in.toString(), "-respout", out.toString());
            byte[] response = Files.readAllBytes(out);
            exchange.getResponseHeaders().set("Content-Type", "application/ocsp-response");
            exchange.sendResponseHeaders(200, response.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response);
            }
        } catch (IOException | RuntimeException e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    /** A responder that accepts connections and never answers. */
    private String startDeadResponder() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        started.add(server);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket accepted = server.accept();
                    started.add(accepted);
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "dead-ocsp-responder");
        acceptor.setDaemon(true);
        acceptor.start();
        return "http://127.0.0.1:" + server.getLocalPort() + "/";
    }

    /** A leaf for {@code host} issued by the CA, naming {@code ocspUrl} (AIA) when not null; imported with its chain. */
    private String importLeaf(String host, String ocspUrl) throws IOException {
        return importLeaf(host, ocspUrl, null);
    }

    /**
     * As {@link #importLeaf(String, String)}, naming {@code crlUrl} as its CRL distribution point when not null;
     * returns the stored certificate's id.
     */
    private String importLeaf(String host, String ocspUrl, String crlUrl) throws IOException {
        Files.writeString(ca.resolve("ca.cnf"), """
                [ca]
                default_ca = it
                [it]
                dir = %s
                database = $dir/index.txt
                serial = $dir/serial
                new_certs_dir = $dir
                default_md = sha256
                default_days = 30
                policy = anything
                copy_extensions = none
                unique_subject = no
                x509_extensions = leaf
                [anything]
                commonName = supplied
                [leaf]
                basicConstraints = critical,CA:FALSE
                keyUsage = critical,digitalSignature
                extendedKeyUsage = serverAuth
                subjectAltName = DNS:%s
                %s
                %s
                """.formatted(ca, host, ocspUrl == null ? "" : "authorityInfoAccess = OCSP;URI:" + ocspUrl,
                crlUrl == null ? "" : "crlDistributionPoints = URI:" + crlUrl));
        Openssl.run(ca, "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", host + ".key", "-out", host + ".csr", "-subj", "/CN=" + host);
        Openssl.run(ca, "openssl", "ca", "-batch", "-config", "ca.cnf", "-cert", "ca.crt", "-keyfile", "ca.key",
                "-in", host + ".csr", "-out", host + ".crt", "-notext");
        String chain = Files.readString(ca.resolve(host + ".crt")) + Files.readString(ca.resolve("ca.crt"));
        CertgateApi.Answer imported = CertgateApi.importPem(chain, Files.readString(ca.resolve(host + ".key")));
        assertEquals(201, imported.status(), imported.body().toString());
        return imported.body().get("id").asText();
    }

    private static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private String statusRequest(String host) throws IOException {
        return Openssl.sClient(dir, "", "-servername", host, "-status");
    }

    @Test
    void aCertificateNamingAResponderIsServedWithItsAnswerStapled() throws Exception {
        String host = name("ocsp");
        String responder = startResponder();
        String id = importLeaf(host, responder);
        var shown = CertgateApi.get("/certificates/" + id).body();
        assertEquals(responder, shown.get("ocspResponders").get(0).asText(), shown.toString());
        assertEquals(0, shown.get("crlDistributionPoints").size(), shown.toString());

        // JSSE asks the responder during the first handshake that requests a status (1 s at most): one try should
        // do; three allow for a machine busy enough to miss the second.
        String out = "";
        for (int attempt = 0; attempt < 3 && !out.contains("OCSP Response Status: successful"); attempt++) {
            out = statusRequest(host);
        }
        assertTrue(out.contains("CN = " + host) || out.contains("CN=" + host), out);
        assertTrue(out.contains("OCSP Response Status: successful (0x0)"), "a response is stapled:\n" + out);
        assertTrue(out.contains("Cert Status: good"), out);
        assertTrue(out.contains("Responder Id: CN = certgate IT OCSP CA"), out);
        int asked = ocspRequests.get();
        assertTrue(asked >= 1, "the responder was asked");

        // Kept in JSSE's cache: the next handshakes staple it again without asking the responder.
        for (int i = 0; i < 3; i++) {
            assertTrue(statusRequest(host).contains("Cert Status: good"));
        }
        assertEquals(asked, ocspRequests.get(), "the stapled response is cached");
    }

    /**
     * A certificate as Let's Encrypt issues them since its OCSP service ended (2025): a CRL distribution point, no
     * OCSP responder. The API shows the CRL; the handshake staples nothing and waits for no responder: JSSE's
     * stapling (tls.cli) asks only the responder a certificate names (no default responder is configured), so with
     * none named it sends none, every time, without the 1 s responder timeout that a named dead responder costs
     * (the test below). Each handshake is timed, not only the first: JSSE caches responses, never their absence.
     */
    @Test
    void aCertificateNamingNoResponderHandshakesWithoutStapleOrDelay() throws Exception {
        String host = name("no-ocsp");
        String crl = "http://127.0.0.1:9/certgate-it.crl"; // never fetched by the gateway: a CRL is the client's
        String id = importLeaf(host, null, crl);
        var shown = CertgateApi.get("/certificates/" + id).body();
        assertEquals(List.of(crl), List.of(shown.get("crlDistributionPoints").get(0).asText()), shown.toString());
        assertEquals(1, shown.get("crlDistributionPoints").size(), shown.toString());
        assertEquals(0, shown.get("ocspResponders").size(), shown.toString());

        // Timed against a control on the same loaded machine, by the fastest of several tries: a responder wait
        // would add JSSE's whole 1 s timeout to every handshake that asks for a status (JSSE caches responses, never
        // their absence), and one that asks for none never waits.
        long withStatus = Long.MAX_VALUE;
        long without = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            String out = statusRequest(host); // openssl s_client -status: asks for a staple every time
            withStatus = Math.min(withStatus, (System.nanoTime() - started) / 1_000_000);
            assertTrue(out.contains("CN = " + host) || out.contains("CN=" + host), out);
            assertTrue(out.contains("OCSP response: no response sent"), out);
            started = System.nanoTime();
            Openssl.sClient(dir, "", "-servername", host); // the control: no status request
            without = Math.min(without, (System.nanoTime() - started) / 1_000_000);
        }
        assertTrue(withStatus < without + 600, "a status request costs no responder wait: fastest " + withStatus
                + " ms with one, " + without + " ms without");
        long fastest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) { // the JDK client asks for a status too (status_request, by default)
            long started = System.nanoTime();
            TlsProbe.leafFor(host);
            fastest = Math.min(fastest, (System.nanoTime() - started) / 1_000_000);
        }
        assertTrue(fastest < 900, "no wait for a responder on JDK handshakes: fastest of 5 took " + fastest + " ms");
    }

    @Test
    void aResponderThatNeverAnswersDelaysAHandshakeOneSecondAtMost() throws Exception {
        String host = name("dead-ocsp");
        importLeaf(host, startDeadResponder());
        long started = System.nanoTime();
        String out = statusRequest(host);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(out.contains("CN = " + host) || out.contains("CN=" + host), "the handshake completes:\n" + out);
        assertTrue(out.contains("OCSP response: no response sent"), out);
        // JSSE waited for the responder (stapling is on), then gave up after jdk.tls.stapling.responseTimeout (1 s;
        // JSSE's default would be 5 s)
        assertTrue(millis >= 900 && millis < 4_000, "handshake took " + millis + " ms");
    }
}
