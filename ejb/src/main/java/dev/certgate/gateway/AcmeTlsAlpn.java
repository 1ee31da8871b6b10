package dev.certgate.gateway;

import dev.certgate.api.HostName;
import dev.certgate.core.pki.TlsAlpnCertificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Answers ACME TLS-ALPN-01 validation handshakes (RFC 8737): a ClientHello that offers only {@code acme-tls/1} for a
 * name with a pending challenge gets the validation certificate and {@code acme-tls/1} as the negotiated protocol;
 * for a name without one the handshake fails (no certificate), and the application's own certificate is never
 * shown to such a client. The key authorization comes from the snapshot's pending challenges, which every node loads
 * from the challenge store;
 * the validation certificate is made here, under one RSA key per process that never leaves memory.
 */
final class AcmeTlsAlpn {

    /** At most this many validation certificates are kept; more pending challenges than this are made again. */
    private static final int CACHE_LIMIT = 256;

    private final Function<String, Optional<String>> keyAuthorizations;
    private final SSLContext context;
    private final Map<String, Served> served = new ConcurrentHashMap<>();
    private volatile KeyPair keys;

    private record Served(X509Certificate certificate, PrivateKey key) {
    }

    /**
     * @param keyAuthorizations the key authorization of the pending TLS-ALPN-01 challenge for a name, from the
     *                          snapshot's pending challenges (a map lookup: a miss costs nothing)
     */
    AcmeTlsAlpn(Function<String, Optional<String>> keyAuthorizations) throws GeneralSecurityException {
        this.keyAuthorizations = Objects.requireNonNull(keyAuthorizations, "keyAuthorizations");
        this.context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[]{new ValidationKeyManager()}, null, new SecureRandom());
    }

    /** A server engine for one validation handshake: TLS 1.2/1.3, {@code acme-tls/1} as its only protocol. */
    SSLEngine createEngine(String peerHost, int peerPort) {
        SSLEngine engine = peerHost == null ? context.createSSLEngine() : context.createSSLEngine(peerHost, peerPort);
        engine.setUseClientMode(false);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setProtocols(GatewayTls.PROTOCOLS.toArray(String[]::new));
        parameters.setApplicationProtocols(new String[]{TlsAlpnCertificate.ALPN_PROTOCOL});
        engine.setSSLParameters(parameters);
        return engine;
    }

    /** The alias of the validation certificate for a name with a pending challenge, made when first asked. */
    private Optional<String> validationAlias(HostName serverName) {
        if (serverName == null) {
            return Optional.empty();
        }
        String domain = serverName.toString();
        return keyAuthorizations.apply(domain).map(keyAuthorization -> {
            String alias = alias(domain, keyAuthorization);
            if (!served.containsKey(alias)) {
                if (served.size() >= CACHE_LIMIT) {
                    served.clear();
                }
                KeyPair pair = keys();
                served.put(alias, new Served(TlsAlpnCertificate.create(pair, domain, keyAuthorization, Instant.now()),
                        pair.getPrivate()));
            }
            return alias;
        });
    }

    private static String alias(String domain, String keyAuthorization) {
        return domain + "/" + keyAuthorization;
    }

    private KeyPair keys() {
        KeyPair pair = keys;
        if (pair == null) {
            synchronized (this) {
                pair = keys;
                if (pair == null) {
                    try {
                        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                        generator.initialize(2048);
                        keys = pair = generator.generateKeyPair();
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("the JDK cannot make RSA keys", e);
                    }
                }
            }
        }
        return pair;
    }

    /** Serves the validation certificate of the requested name, RSA only. */
    private final class ValidationKeyManager extends X509ExtendedKeyManager {

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            if (!"RSA".equals(keyType) || engine == null) {
                return null;
            }
            SSLSession handshake = engine.getHandshakeSession();
            return validationAlias(SniKeyManager.requestedHostName(handshake)).orElse(null);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Served s = alias == null ? null : served.get(alias);
            return s == null ? null : new X509Certificate[]{s.certificate()};
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Served s = alias == null ? null : served.get(alias);
            return s == null ? null : s.key();
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null; // engines only
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
