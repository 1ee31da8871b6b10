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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
