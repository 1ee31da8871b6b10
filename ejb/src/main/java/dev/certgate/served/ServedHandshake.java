package dev.certgate.served;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One TLS handshake with the node's own gateway, as a client would make it, to see what it serves for a name. Every
 * certificate is accepted: the check compares what it receives with the store, it does not judge trust. Each
 * handshake is a full one in a fresh context: JSSE's client would otherwise resume the session of the previous name
 * (its cache is keyed by address and port, not by server name) and report that session's certificate.
 */
final class ServedHandshake {

    /** What was received: the chain (leaf first), or why there is none. */
    record Received(List<X509Certificate> chain, String failure) {
    }

    private final InetSocketAddress gateway;
    private final int timeoutMillis;

    ServedHandshake(String bindAddress, int httpsPort, Duration timeout) throws GeneralSecurityException {
        newContext(); // fails here, at once, when the JVM has no TLS client
        // a gateway bound to every address is asked on loopback
        String host = bindAddress.equals("0.0.0.0") || bindAddress.isEmpty() ? "127.0.0.1"
                : bindAddress.equals("::") || bindAddress.equals("[::]") ? "::1" : bindAddress;
        gateway = new InetSocketAddress(host, httpsPort);
        timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    private static SSLContext newContext() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{new AcceptAll()}, new SecureRandom());
        return context;
    }

    Received fetch(String serverName) {
        SSLContext context;
        try {
            context = newContext();
        } catch (GeneralSecurityException e) {
            return new Received(null, "no TLS client: " + e.getMessage());
        }
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
            socket.connect(gateway, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(serverName)));
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : socket.getSession().getPeerCertificates()) {
                chain.add((X509Certificate) c);
            }
            return new Received(chain, null);
        } catch (IOException | IllegalArgumentException e) {
            return new Received(null, e.getClass().getSimpleName() + (e.getMessage() == null ? ""
                    : " (" + e.getMessage() + ")"));
        }
    }

    private static final class AcceptAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // never a client
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // compared with the store afterwards, not judged here
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
