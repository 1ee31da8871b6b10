package dev.certgate.gateway;

import dev.certgate.core.sni.ServedCertificate;
import dev.certgate.core.sni.SniFixtures;
import dev.certgate.core.sni.SniSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Real JSSE handshakes on loopback against a server whose only key manager is {@link SniKeyManager}. */
class SniKeyManagerTest {

    private final AtomicReference<SniSnapshot> snapshot = new AtomicReference<>(SniSnapshot.empty());
    private SSLServerSocket server;
    private ExecutorService acceptor;

    @BeforeEach
    void startServer() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[]{new SniKeyManager(snapshot::get)}, null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
                InetAddress.getLoopbackAddress());
        acceptor = Executors.newSingleThreadExecutor();
        acceptor.submit(() -> {
            while (!server.isClosed()) {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(5_000);
                    socket.startHandshake();
                } catch (Exception e) {
                    // a refused handshake ends that connection only
                }
            }
            return null;
        });
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
        acceptor.shutdownNow();
    }

    private X509Certificate handshake(String serverName, String protocol) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new AcceptAll()}, null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(
                InetAddress.getLoopbackAddress(), server.getLocalPort())) {
            socket.setSoTimeout(5_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            parameters.setProtocols(new String[]{protocol});
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void servesEachNameItsOwnCertificateOverTls13And12() throws Exception {
        ServedCertificate ec = SniFixtures.served("ec");
        ServedCertificate rsa = SniFixtures.served("rsa");
        snapshot.set(SniSnapshot.of(List.of(ec, rsa)));
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            assertEquals(ec.chain().get(0), handshake("ec.example.test", protocol));
            assertEquals(rsa.chain().get(0), handshake("rsa.example.test", protocol));
        }
    }

    @Test
    void aReplacedSnapshotIsServedOnTheNextHandshake() throws Exception {
        assertThrows(SSLException.class, () -> handshake("ec.example.test", "TLSv1.3"));
        ServedCertificate ec = SniFixtures.served("ec");
        snapshot.set(SniSnapshot.of(List.of(ec)));
        assertEquals(ec.chain().get(0), handshake("ec.example.test", "TLSv1.3"));
        assertThrows(SSLException.class, () -> handshake("unknown.example.test", "TLSv1.3"));
    }

    /**
     * A renewal (same id, new chain and key) replaces the snapshot between JSSE's three calls: choosing the alias,
     * then the key, then the chain. Both must come from the certificate chosen; with the certificate's id as the
     * alias, the key came from the old snapshot and the chain from the new one, and the client refused the handshake
     * ("Invalid CertificateVerify signature", seen in ClusterAcmeIT where 120-second certificates renew constantly).
     */
    @Test
    void aRenewalBetweenTheKeyAndTheChainNeverMixesTwoCertificates() throws Exception {
        ServedCertificate before = SniFixtures.served("ec");
        ServedCertificate other = SniFixtures.served("wildcard");
        ServedCertificate renewed = new ServedCertificate("ec", other.chain(), other.key(), before.hostNames());
        // no SNI here (no engine): the default certificate, named by its id as the stored setting names it
        SniSnapshot old = SniSnapshot.of(List.of(before), Map.of(), "ec");
        SniSnapshot next = SniSnapshot.of(List.of(renewed), Map.of(), "ec");
        snapshot.set(old);
        SniKeyManager keys = new SniKeyManager(snapshot::get);

        String alias = keys.chooseEngineServerAlias("EC", null, null);
        assertEquals(before.handshakeAlias(), alias);
        var key = keys.getPrivateKey(alias);
        snapshot.set(next); // the renewal lands between the key and the chain
        X509Certificate[] chain = keys.getCertificateChain(alias);
        assertEquals(before.key(), key);
        assertEquals(before.chain().get(0), chain[0]);

        String afterRenewal = keys.chooseEngineServerAlias("EC", null, null);
        assertNotEquals(alias, afterRenewal);
        assertEquals(renewed.key(), keys.getPrivateKey(afterRenewal));
        assertEquals(renewed.chain().get(0), keys.getCertificateChain(afterRenewal)[0]);
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
