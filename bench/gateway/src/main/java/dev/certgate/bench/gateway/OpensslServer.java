package dev.certgate.bench.gateway;

import io.undertow.Undertow;
import io.undertow.protocols.ssl.SNIContextMatcher;
import io.undertow.protocols.ssl.SNISSLContext;
import io.undertow.util.Headers;
import org.wildfly.openssl.OpenSSLContextSPI;
import org.wildfly.openssl.OpenSSLProvider;
import org.wildfly.openssl.SSL;
import org.xnio.Options;
import org.xnio.Sequence;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509KeyManager;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Feasibility probe (not part of run.sh's figures): Undertow 2.3 with the OpenSSL-backed engine WildFly ships
 * (wildfly-openssl 2.2.5, on the system's libssl), the certificate chosen per SNI name by Undertow's
 * {@link SNISSLContext}: one wildfly-openssl {@link SSLContext} (one native SSL_CTX) per name, a default one for
 * unknown names. Answers every request with a 3-byte 200 from the I/O thread. TLS 1.3 and 1.2, the same suites as
 * {@link JsseServer}.
 *
 * <pre>
 * OpensslServer PORT CERTDIR/ec:N [CERTDIR/rsa:N ...] [both=CERTDIR/ec:CERTDIR/rsa:N] [alias=K]
 *   both=...:N   additionally b1..bN.bench.test, each ONE context holding ec/i and rsa/i (EC + RSA for one name)
 *   alias=K      additionally K more contexts re-using the loaded certificates under names x1..xK.bench.test
 *                (time and memory of many contexts without generating more keys)
 * </pre>
 *
 * The native part: libwfssl.so is not on Maven Central as a jar for 2.2.5 (wildfly-openssl-linux-x86_64 does not
 * resolve); take WildFly's own copy and the system's OpenSSL 3:
 * <pre>
 * java -Dorg.wildfly.openssl.libwfssl.path=$WILDFLY/modules/system/layers/base/org/wildfly/openssl/main/lib/linux-x86_64/libwfssl.so \
 *      -Dorg.wildfly.openssl.path=/usr/lib/x86_64-linux-gnu \
 *      -cp target/classes:$(cat target/classpath.txt) dev.certgate.bench.gateway.OpensslServer 21443 target/certs/ec:1000 target/certs/rsa:1000
 * </pre>
 *
 * wildfly-openssl 2.2.5 only asks the key manager for "RSA" and "DSA" aliases (EC support, WFSSL-92 / PR #117, is not
 * merged), and labels the PKCS#8 key bytes "RSA PRIVATE KEY" / "DSA PRIVATE KEY": OpenSSL 3 reads the RSA one, but an
 * EC key under the DSA label fails ("DECODER routines::unsupported ... Input type: PEM"). So the EC certificate is set
 * on the context's SSL_CTX after init through wildfly-openssl's own (protected) native setCertificate, slot ECC.
 */
public final class OpensslServer {

    private static final byte[] BODY = "ok\n".getBytes(StandardCharsets.US_ASCII);

    record Entry(X509Certificate[] chain, PrivateKey key) {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        OpenSSLProvider.register();
        Map<String, List<Entry>> byName = new LinkedHashMap<>();
        int aliases = 0;
        long started = System.nanoTime();
        for (String set : Arrays.copyOfRange(args, 1, args.length)) {
            if (set.startsWith("alias=")) {
                aliases = Integer.parseInt(set.substring(6));
                continue;
            }
            if (set.startsWith("both=")) {
                String[] p = set.substring(5).split(":");
                int n = Integer.parseInt(p[2]);
                for (int i = 1; i <= n; i++) {
                    byName.put("b" + i + ".bench.test", List.of(load(Path.of(p[0]), i), load(Path.of(p[1]), i)));
                }
                continue;
            }
            int colon = set.lastIndexOf(':');
            Path dir = Path.of(set.substring(0, colon));
            for (int i = 1, n = Integer.parseInt(set.substring(colon + 1)); i <= n; i++) {
                Entry e = load(dir, i);
                byName.put((String) e.chain[0].getSubjectAlternativeNames().iterator().next().get(1), List.of(e));
            }
        }
        long loadMillis = (System.nanoTime() - started) / 1_000_000;
        long rssBefore = rssKib();
        long nativeStarted = System.nanoTime();
        SNIContextMatcher.Builder matcher = new SNIContextMatcher.Builder();
        SSLContext first = null;
        int contexts = 0;
        for (Map.Entry<String, List<Entry>> e : byName.entrySet()) {
            SSLContext c = context(e.getValue());
            matcher.addMatch(e.getKey(), c);
            if (first == null) {
                first = c;
            }
            contexts++;
        }
        List<Entry> all = new ArrayList<>();
        byName.values().forEach(all::addAll);
        for (int i = 1; i <= aliases && !all.isEmpty(); i++) {
            matcher.addMatch("x" + i + ".bench.test", context(List.of(all.get((i - 1) % all.size()))));
            contexts++;
        }
        matcher.setDefaultContext(first);
        long contextMillis = (System.nanoTime() - nativeStarted) / 1_000_000;
        System.gc();
        long rssAfter = rssKib();
        Undertow server = Undertow.builder()
                .setIoThreads(Integer.getInteger("bench.ioThreads", 1))
                .setWorkerThreads(4)
                .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(JsseServer.PROTOCOLS))
                .setSocketOption(Options.SSL_ENABLED_CIPHER_SUITES, Sequence.of(JsseServer.SUITES))
                .setServerOption(io.undertow.UndertowOptions.ALWAYS_SET_KEEP_ALIVE, false)
                .addHttpsListener(port, "127.0.0.1", new SNISSLContext(matcher.build()))
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
                    exchange.getResponseSender().send(ByteBuffer.wrap(BODY));
                })
                .build();
        server.start();
        System.out.printf("openssl-server: %d certificates read in %d ms; %d contexts created in %d ms (%.2f ms each),"
                        + " RSS +%d KiB (~%d KiB each); listening on 127.0.0.1:%d (%s)%n",
                all.size(), loadMillis, contexts, contextMillis, contexts == 0 ? 0.0 : (double) contextMillis / contexts,
                rssAfter - rssBefore, contexts == 0 ? 0 : (rssAfter - rssBefore) / contexts, port,
                first == null ? "-" : first.getProvider().getName());
        System.out.flush();
        Thread.currentThread().join();
    }

    /**
     * One wildfly-openssl context (its own SSL_CTX) holding the given certificates (at most one RSA, one EC). The RSA
     * one goes in through the key manager; the EC one cannot (see the class comment), so it is set on the SSL_CTX
     * through wildfly-openssl's own native call (SSL.setCertificate, protected: reflection) with a PKCS#8 PEM label.
     */
    private static SSLContext context(List<Entry> entries) throws Exception {
        OpenSSLContextSPI spi = new OpenSSLContextSPI.OpenSSLTLSContextSpi();
        SSLContext c = new SSLContext(spi, OpenSSLProvider.INSTANCE, "TLS") {
        };
        c.init(new KeyManager[]{new FixedKeys(entries)}, null, null);
        for (Entry e : entries) {
            if (e.key.getAlgorithm().equals("EC")) {
                byte[][] intermediates = new byte[e.chain.length - 1][];
                for (int i = 1; i < e.chain.length; i++) {
                    intermediates[i - 1] = e.chain[i].getEncoded();
                }
                String pem = "-----BEGIN PRIVATE KEY-----\n"
                        + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(e.key.getEncoded())
                        + "\n-----END PRIVATE KEY-----\n";
                SET_CERTIFICATE.invoke(SSL.getInstance(), CTX.getLong(spi), e.chain[0].getEncoded(), intermediates,
                        pem.getBytes(StandardCharsets.US_ASCII), AIDX_ECC);
            }
        }
        return c;
    }

    private static final Method SET_CERTIFICATE;
    private static final Field CTX;
    private static final int AIDX_ECC;

    static {
        try {
            SET_CERTIFICATE = SSL.class.getDeclaredMethod("setCertificate", long.class, byte[].class, byte[][].class,
                    byte[].class, int.class);
            SET_CERTIFICATE.setAccessible(true);
            CTX = OpenSSLContextSPI.class.getDeclaredField("ctx");
            CTX.setAccessible(true);
            Field ecc = SSL.class.getDeclaredField("SSL_AIDX_ECC");
            ecc.setAccessible(true);
            AIDX_ECC = ecc.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Entry load(Path dir, int i) throws Exception {
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate[] chain;
        try (InputStream in = Files.newInputStream(dir.resolve(i + ".crt"))) {
            chain = x509.generateCertificates(in).toArray(new X509Certificate[0]);
        }
        PrivateKey key = KeyFactory.getInstance(chain[0].getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(JsseServer.pemBody(Files.readString(dir.resolve(i + ".key")))));
        return new Entry(chain, key);
    }

    private static long rssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** What wildfly-openssl's init asks: aliases for "RSA" and "DSA"; only the RSA entry is given out. */
    private static final class FixedKeys implements X509KeyManager {
        private final List<Entry> entries;

        FixedKeys(List<Entry> entries) {
            this.entries = entries;
        }

        private Entry entry(String alias) {
            return entries.get(Integer.parseInt(alias));
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            String want = keyType; // "RSA" and "DSA": the EC entry is never handed over here
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).key.getAlgorithm().equals(want)) {
                    return new String[]{Integer.toString(i)};
                }
            }
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return entry(alias).chain;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return entry(alias).key;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            String[] a = getServerAliases(keyType, issuers);
            return a == null ? null : a[0];
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
