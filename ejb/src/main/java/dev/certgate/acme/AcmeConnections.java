package dev.certgate.acme;

import dev.certgate.settings.CertgateSettings;
import org.shredzone.acme4j.Session;
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
     * acme4j's generic provider (any RFC 8555 URL) with this session's SSL context. Since acme4j 4 a session builds
     * its one HTTP client lazily through {@link #createHttpClient} and shares it between every request (acme4j 3
     * built a client per request, which cost a TLS handshake each time); certgate only adds its trust.
     */
    private static final class TrustingProvider extends GenericAcmeProvider {

        private final SSLContext ssl;

        TrustingProvider(SSLContext ssl) {
            this.ssl = ssl;
        }

        @Override
        public HttpClient createHttpClient(NetworkSettings settings) {
            HttpClient.Builder builder = HttpClient.newBuilder()
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(settings.getTimeout())
                    .proxy(settings.getProxySelector())
                    .sslContext(ssl);
            if (settings.getAuthenticator() != null) {
                builder.authenticator(settings.getAuthenticator());
            }
            return builder.build();
        }
    }
}
