package dev.certgate.acme;

import dev.certgate.settings.CertgateSettings;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.provider.GenericAcmeProvider;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Opens acme4j sessions to a CA's directory. The CA's HTTPS certificate is checked against the JDK's trusted roots
 * plus, when the setting {@code certgate.acme.trust-file} (read at each use) names a PEM file, the certificates in
 * it (a private CA such as step-ca, or a test CA). That trust is given to this session's HTTP client only: the
 * JVM's global trust store and default SSL context are never touched. Every request has a {@link #REQUEST_TIMEOUT}.
 */
public final class AcmeConnections {

    /** Connect and answer time-out of each request to the CA. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /** Directory presets an admin may name instead of a URL. */
    public static final Map<String, String> PRESETS = Map.of(
            "letsencrypt", "https://acme-v02.api.letsencrypt.org/directory",
            "letsencrypt-staging", "https://acme-staging-v02.api.letsencrypt.org/directory");

    private AcmeConnections() {
    }

    /** The directory URL a preset name stands for, or the text itself. */
    public static String resolvePreset(String directory) {
        String key = directory.strip().toLowerCase(Locale.ROOT);
        return PRESETS.getOrDefault(key, directory.strip());
    }

    /**
     * A new session to {@code directoryUrl}; nothing is sent until it is used.
     *
     * @param trustFile {@code certgate.acme.trust-file} as it is set now, or empty
     * @throws GeneralSecurityException when the trust file cannot be read
     */
    public static Session open(String directoryUrl, Optional<Path> trustFile)
            throws GeneralSecurityException, IOException {
        SSLContext ssl = sslContext(trustFile);
        Session session = new Session(URI.create(directoryUrl), new TrustingProvider(ssl));
        session.networkSettings().setTimeout(REQUEST_TIMEOUT);
        return session;
    }

    /** The JDK's trusted roots, plus the certificates of {@code trustFile} when given. */
    static SSLContext sslContext(Optional<Path> trustFile) throws GeneralSecurityException, IOException {
        X509TrustManager jdk = trustManager(null);
        SSLContext context = SSLContext.getInstance("TLS");
        if (trustFile.isEmpty()) {
            context.init(null, new TrustManager[]{jdk}, null);
            return context;
        }
        KeyStore extra = KeyStore.getInstance("PKCS12");
        extra.load(null, null);
        int i = 0;
        for (X509Certificate certificate : readPem(trustFile.get())) {
            extra.setCertificateEntry("acme-trust-" + i++, certificate);
        }
        if (i == 0) {
            throw new CertificateException("the file " + trustFile.get() + " ("
                    + CertgateSettings.ACME_TRUST_FILE.name() + ") holds no certificate");
        }
        context.init(null, new TrustManager[]{new EitherTrustManager(trustManager(extra), jdk)}, null);
        return context;
    }

    private static List<X509Certificate> readPem(Path file) throws IOException, CertificateException {
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends java.security.cert.Certificate> read =
                    CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> certificates = new ArrayList<>();
            for (java.security.cert.Certificate c : read) {
                if (c instanceof X509Certificate x509) {
                    certificates.add(x509);
                }
            }
            return certificates;
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Trusts what the first trusts, else what the second does. */
    private record EitherTrustManager(X509TrustManager first, X509TrustManager second) implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server for clients");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            try {
                first.checkServerTrusted(chain, authType);
            } catch (CertificateException notByFirst) {
                second.checkServerTrusted(chain, authType);
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
            all.addAll(List.of(second.getAcceptedIssuers()));
            return all.toArray(X509Certificate[]::new);
        }
    }

    /**
     * acme4j's generic provider (any RFC 8555 URL) with this session's SSL context, and one HTTP client for the whole
     * session: acme4j asks for a new client for every request, which costs a TLS handshake (and the client's
     * threads) each time; an order makes a dozen requests.
     */
    private static final class TrustingProvider extends GenericAcmeProvider {

        private final SSLContext ssl;
        private HttpClient client;

        TrustingProvider(SSLContext ssl) {
            this.ssl = ssl;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return new SharedClient(super.createClientBuilder().sslContext(ssl));
                }
            };
        }

        private synchronized HttpClient client(HttpClient.Builder configured) {
            if (client == null) {
                client = configured.build();
            }
            return client;
        }

        /** Configured like acme4j's builder; builds the session's one client. */
        private final class SharedClient implements HttpClient.Builder {

            private final HttpClient.Builder builder;

            SharedClient(HttpClient.Builder builder) {
                this.builder = builder;
            }

            @Override
            public HttpClient.Builder cookieHandler(java.net.CookieHandler handler) {
                builder.cookieHandler(handler);
                return this;
            }

            @Override
            public HttpClient.Builder connectTimeout(Duration duration) {
                builder.connectTimeout(duration);
                return this;
            }

            @Override
            public HttpClient.Builder sslContext(SSLContext context) {
                builder.sslContext(context);
                return this;
            }

            @Override
            public HttpClient.Builder sslParameters(javax.net.ssl.SSLParameters parameters) {
                builder.sslParameters(parameters);
                return this;
            }

            @Override
            public HttpClient.Builder executor(java.util.concurrent.Executor executor) {
                builder.executor(executor);
                return this;
            }

            @Override
            public HttpClient.Builder followRedirects(HttpClient.Redirect policy) {
                builder.followRedirects(policy);
                return this;
            }

            @Override
            public HttpClient.Builder version(HttpClient.Version version) {
                builder.version(version);
                return this;
            }

            @Override
            public HttpClient.Builder priority(int priority) {
                builder.priority(priority);
                return this;
            }

            @Override
            public HttpClient.Builder proxy(java.net.ProxySelector selector) {
                builder.proxy(selector);
                return this;
            }

            @Override
            public HttpClient.Builder authenticator(java.net.Authenticator authenticator) {
                builder.authenticator(authenticator);
                return this;
            }

            @Override
            public HttpClient build() {
                return client(builder);
            }
        }
    }
}
