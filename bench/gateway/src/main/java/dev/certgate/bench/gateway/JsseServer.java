package dev.certgate.bench.gateway;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The JVM's own ceiling: a bare JSSE server, no framework. One {@link SSLContext} whose key manager picks the
 * certificate per handshake from an in-memory map by the client's SNI name (the shape certgate's gateway uses), an
 * {@link SSLServerSocket} with the gateway's protocols and suites (TLS 1.3/1.2, AEAD, server order), a thread per
 * connection. Answers every HTTP/1.1 request with a tiny 200 and keeps the connection alive unless asked to close.
 *
 * <pre>JsseServer PORT CERTDIR/ec:N [CERTDIR/rsa:N ...]</pre> — loads {@code 1..N} of each set (names from the leaf's
 * first DNS subjectAltName); prints how long loading took and the heap it retained, then serves until killed.
 */
public final class JsseServer {

    private static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\nok\n")
            .getBytes(StandardCharsets.US_ASCII);

    /** The same protocol and suite policy as dev.certgate.gateway.GatewayTls. */
    static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    static final String[] SUITES = {
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"};

    record Entry(X509Certificate[] chain, PrivateKey key) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long started = System.nanoTime();
        Map<String, Entry> byName = new HashMap<>();
        for (String set : Arrays.copyOfRange(args, 1, args.length)) {
            int colon = set.lastIndexOf(':');
            load(Path.of(set.substring(0, colon)), Integer.parseInt(set.substring(colon + 1)), byName);
        }
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[]{new SniKeys(byName)}, null, new SecureRandom());
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(port, 1024, InetAddress.getLoopbackAddress());
        SSLParameters parameters = server.getSSLParameters();
        parameters.setProtocols(PROTOCOLS);
        parameters.setCipherSuites(SUITES);
        parameters.setUseCipherSuitesOrder(true);
        server.setSSLParameters(parameters);
        System.out.printf("jsse-server: %d certificates loaded in %d ms, ~%d bytes heap each; listening on 127.0.0.1:%d%n",
                byName.size(), loadMillis, byName.isEmpty() ? 0 : (heapAfter - heapBefore) / byName.size(), port);
        System.out.flush();
        ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "conn");
            t.setDaemon(true);
            return t;
        });
        while (true) {
            SSLSocket socket = (SSLSocket) server.accept();
            threads.execute(() -> serve(socket));
        }
    }

    private static void load(Path dir, int n, Map<String, Entry> byName) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        for (int i = 1; i <= n; i++) {
            X509Certificate[] chain;
            try (InputStream in = Files.newInputStream(dir.resolve(i + ".crt"))) {
                chain = x509.generateCertificates(in).toArray(new X509Certificate[0]);
            }
            PrivateKey key = KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(pemBody(Files.readString(dir.resolve(i + ".key")))));
            String name = (String) chain[0].getSubjectAlternativeNames().iterator().next().get(1);
            byName.put(name, new Entry(chain, key));
        }
    }

    static byte[] pemBody(String pem) {
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** Reads requests (headers only: GETs) and answers each; bounded by the socket's read time-out. */
    private static void serve(SSLSocket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 4096);
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            StringBuilder line = new StringBuilder();
            while (true) {
                boolean close = false;
                int lines = 0;
                while (true) { // one request's head
                    line.setLength(0);
                    int c;
                    while ((c = in.read()) != -1 && c != '\n') {
                        if (c != '\r') {
                            line.append((char) c);
                        }
                    }
                    if (c == -1) {
                        return;
                    }
                    if (line.length() == 0) {
                        break;
                    }
                    if (++lines > 100) {
                        return;
                    }
                    if (line.length() == 17 && line.toString().equalsIgnoreCase("Connection: close")) {
                        close = true;
                    }
                }
                out.write(RESPONSE);
                out.flush();
                if (close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away: nothing to do
        }
    }

    /** Picks the certificate by SNI name and key type; null when the name is unknown or the type differs. */
    private static final class SniKeys extends X509ExtendedKeyManager {
        private final Map<String, Entry> byName;

        SniKeys(Map<String, Entry> byName) {
            this.byName = byName;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            SSLSession handshake = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
            if (handshake instanceof ExtendedSSLSession extended) {
                for (SNIServerName requested : extended.getRequestedServerNames()) {
                    if (requested instanceof SNIHostName host) {
                        String name = host.getAsciiName();
                        Entry entry = byName.get(name);
                        return entry != null && entry.key.getAlgorithm().equals(keyType) ? name : null;
                    }
                }
            }
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Entry entry = byName.get(alias);
            return entry == null ? null : entry.chain;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Entry entry = byName.get(alias);
            return entry == null ? null : entry.key;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

}
