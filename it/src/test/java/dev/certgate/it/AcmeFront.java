package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A small ACME front of the tests' own before a real Pebble, for what Debian's Pebble 2.4 lacks.
 * <p>
 * <b>The CA's part (the real Pebble, everything it answers is passed through unchanged):</b> accounts, nonces,
 * orders, authorizations, challenges and their validation against the gateway, finalization, issuance, certificate
 * download, revocation, key rollover. The front forwards each request with its own {@code Host}, so Pebble builds
 * every URL (and checks every JWS {@code url}) for the front's address; nothing is rewritten and no signature is
 * touched.
 * <p>
 * <b>The front's part (what Pebble 2.4 does not have):</b>
 * <ul>
 *   <li>ARI (RFC 9773): the directory gets a {@code renewalInfo} URL; {@code GET renewal-info/{certID}} answers a
 *   suggested window, by default half to 60 % into the lifetime of a certificate it saw downloaded
 *   ({@link #defaultWindow}), or the window a
 *   test set ({@link #moveWindow}), always with an {@code explanationURL} and a {@code Retry-After} of
 *   {@link #RETRY_AFTER}.</li>
 *   <li>Profiles (draft-aaron-acme-profiles): the directory's {@code meta.profiles}; a new order naming a profile not
 *   offered is refused with {@code invalidProfile} (as a CA does), others go to Pebble, and every order the front
 *   hands back carries its {@code profile}. Pebble ignores the field, so every profile gets Pebble's lifetime.</li>
 *   <li>On demand, {@code meta.externalAccountRequired} in the directory ({@link #requireEab}), for a CA that
 *   requires EAB of new accounts.</li>
 *   <li>Records of every new order's identifiers, {@code profile} and {@code replaces}, read from the JWS payload
 *   (not verified: Pebble verifies).</li>
 * </ul>
 * Runs in the test JVM on loopback; {@code jdk.httpclient.allowRestrictedHeaders=host} (it/pom.xml) lets it forward
 * its Host.
 */
final class AcmeFront implements AutoCloseable {

    /** The Retry-After on every renewalInfo answer: how soon certgate asks again (its floor is 10 s). */
    static final Duration RETRY_AFTER = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A new order as the front saw it. */
    record NewOrder(List<String> identifiers, Optional<String> profile, Optional<String> replaces, int status) {
    }

    private record Window(Instant start, Instant end) {
    }

    private final HttpsServer server;
    private final URI pebble;
    private final String base;
    private final HttpClient client;
    private final Map<String, String> profiles = new ConcurrentHashMap<>();
    private final Map<String, String> orderProfiles = new ConcurrentHashMap<>();
    private final Map<String, Window> defaultWindows = new ConcurrentHashMap<>();
    private final Map<String, Window> movedWindows = new ConcurrentHashMap<>();
    private final List<NewOrder> orders = new CopyOnWriteArrayList<>();
    private volatile double windowFrom = 0.5;
    private volatile double windowTo = 0.6;
    private volatile boolean eabRequired;

    /**
     * Starts the front on 127.0.0.1:{@code port} before the Pebble at {@code pebble}, serving HTTPS with Pebble's
     * own throw-away certificate (which certgate trusts through certgate.acme.trust-file).
     */
    AcmeFront(int port, URI pebble) throws IOException, GeneralSecurityException {
        this.pebble = pebble;
        this.base = "https://127.0.0.1:" + port;
        Path dir = ItSettings.PEBBLE_DIR;
        SSLContext serverContext = serverContext(dir.resolve("localhost.pem"), dir.resolve("localhost.key"));
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(clientContext(dir.resolve("ca.pem"))).connectTimeout(Duration.ofSeconds(5)).build();
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "acme-front");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String directory() {
        return base + "/dir";
    }

    /** The profiles the directory lists from now on, by name with their descriptions (empty: none). */
    void offerProfiles(Map<String, String> offered) {
        profiles.clear();
        profiles.putAll(offered);
    }

    /**
     * Where in a certificate's lifetime the default window lies from now on, e.g. 0.4 to 0.5 (the front's own
     * default: 0.5 to 0.6).
     */
    void defaultWindow(double from, double to) {
        windowFrom = from;
        windowTo = to;
    }

    /** Whether the directory says from now on that new accounts need External Account Binding (Pebble does not). */
    void requireEab(boolean required) {
        eabRequired = required;
    }

    /** The window the CA suggests from now on for the certificate with ARI id {@code certId}. */
    void moveWindow(String certId, Instant start, Instant end) {
        movedWindows.put(certId, new Window(start, end));
    }

    /** Every new order so far, in order. */
    List<NewOrder> orders() {
        return List.copyOf(orders);
    }

    /** The new orders for {@code domain}. */
    List<NewOrder> ordersFor(String domain) {
        return orders.stream().filter(o -> o.identifiers().contains(domain)).toList();
    }

    /** The explanation URL the front gives for a certificate's window. */
    String explanation(String certId) {
        return "https://ca.example/ari-explained/" + certId;
    }

    /** The ARI certificate id (RFC 9773 §4.1): base64url(AKI keyIdentifier) "." base64url(serial DER content). */
    static String certId(X509Certificate certificate) {
        byte[] ext = certificate.getExtensionValue("2.5.29.35");
        if (ext == null) {
            throw new IllegalArgumentException("no authority key identifier");
        }
        // OCTET STRING { SEQUENCE { [0] keyIdentifier, ... } }
        int[] at = {0};
        readHeader(ext, at, 0x04);
        readHeader(ext, at, 0x30);
        int length = readHeader(ext, at, 0x80);
        byte[] keyId = java.util.Arrays.copyOfRange(ext, at[0], at[0] + length);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString(keyId) + "." + url.encodeToString(certificate.getSerialNumber().toByteArray());
    }

    private static int readHeader(byte[] der, int[] at, int tag) {
        if ((der[at[0]] & 0xff) != tag) {
            throw new IllegalArgumentException("unexpected DER tag " + der[at[0]]);
        }
        at[0]++;
        int length = der[at[0]++] & 0xff;
        if (length > 0x80) {
            int bytes = length - 0x80;
            length = 0;
            for (int i = 0; i < bytes; i++) {
                length = (length << 8) | (der[at[0]++] & 0xff);
            }
        }
        return length;
    }

    /** What the front does with the next key-change request (RFC 8555 §7.3.5, Pebble's /rollover-account-key). */
    enum KeyChange {
        /** passes it on, and Pebble's answer back (always, after one of the others) */
        FORWARD,
        /**
         * passes it on and, once Pebble has taken the new key (200), closes the connection without an answer; an
         * answer that is not a 200 (Pebble's random badNonce) goes back as it is and the next attempt is cut instead
         */
        FORWARD_AND_DROP_ANSWER,
        /** closes the connection without passing it on (Pebble never sees the new key) */
        DROP_UNSENT
    }

    private volatile KeyChange keyChange = KeyChange.FORWARD;

    /** What to do with the next key-change request; the one after it is forwarded again. */
    void nextKeyChange(KeyChange what) {
        keyChange = what;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (path.equals("/rollover-account-key") && keyChange == KeyChange.FORWARD_AND_DROP_ANSWER) {
                HttpResponse<byte[]> answer = forward(exchange, body);
                if (answer.statusCode() != 200) {
                    // Pebble did not take the key (it refuses 5 % of nonces on purpose, and acme4j sends the
                    // request again with a fresh one): its answer goes back, and the next attempt is the one cut
                    reply(exchange, answer, answer.body());
                    return;
                }
                keyChange = KeyChange.FORWARD;
                return; // Pebble took the new key; closed with no status line: the client hears nothing
            }
            if (path.equals("/rollover-account-key") && keyChange == KeyChange.DROP_UNSENT) {
                keyChange = KeyChange.FORWARD;
                return; // closed with no status line: Pebble never sees it, the client hears nothing
            }
            if (path.startsWith("/renewal-info/")) {
                renewalInfo(exchange, path.substring("/renewal-info/".length()));
                return;
            }
            Optional<JsonNode> payload = "POST".equals(exchange.getRequestMethod()) ? payload(body)
                    : Optional.empty();
            if (path.equals("/order-plz") && payload.isPresent()) {
                newOrder(exchange, body, payload.get());
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, body);
            byte[] out = answer.body();
            if (path.equals("/dir") && answer.statusCode() == 200) {
                out = directory(out);
            } else if ((path.startsWith("/my-order/") || path.startsWith("/finalize-order/"))
                    && answer.statusCode() == 200) {
                out = withProfile(exchange.getRequestURI().getPath(), out);
            } else if (path.startsWith("/certZ/") && answer.statusCode() == 200) {
                sawCertificate(out);
            }
            reply(exchange, answer, out);
        } catch (RuntimeException | GeneralSecurityException e) {
            byte[] problem = ("{\"type\": \"urn:ietf:params:acme:error:serverInternal\", \"detail\": \"the test's "
                    + "ACME front failed: " + e + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(500, problem.length);
            exchange.getResponseBody().write(problem);
        }
    }

    private void newOrder(HttpExchange exchange, byte[] body, JsonNode payload) throws IOException {
        List<String> identifiers = new ArrayList<>();
        payload.path("identifiers").forEach(i -> identifiers.add(i.path("value").asText()));
        Optional<String> profile = Optional.ofNullable(payload.get("profile")).map(JsonNode::asText);
        Optional<String> replaces = Optional.ofNullable(payload.get("replaces")).map(JsonNode::asText);
        if (profile.isPresent() && !profiles.containsKey(profile.get())) {
            orders.add(new NewOrder(identifiers, profile, replaces, 400));
            byte[] problem = JSON.writeValueAsBytes(Map.of("type", "urn:ietf:params:acme:error:invalidProfile",
                    "detail", "profile " + profile.get() + " is not offered", "status", 400));
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(400, problem.length);
            exchange.getResponseBody().write(problem);
            return;
        }
        HttpResponse<byte[]> answer = forward(exchange, body);
        orders.add(new NewOrder(identifiers, profile, replaces, answer.statusCode()));
        byte[] out = answer.body();
        Optional<String> location = answer.headers().firstValue("Location");
        if (answer.statusCode() == 201 && location.isPresent() && profile.isPresent()) {
            orderProfiles.put(URI.create(location.get()).getPath(), profile.get());
            out = withProfile(URI.create(location.get()).getPath(), out);
        }
        reply(exchange, answer, out);
    }

    /** The order's JSON with its profile (the front remembers which order asked for which). */
    private byte[] withProfile(String path, byte[] order) throws IOException {
        String orderPath = path.replace("/finalize-order/", "/my-order/");
        String profile = orderProfiles.get(orderPath);
        if (profile == null) {
            return order;
        }
        ObjectNode json = (ObjectNode) JSON.readTree(order);
        json.put("profile", profile);
        return JSON.writeValueAsBytes(json);
    }

    private byte[] directory(byte[] pebbleDirectory) throws IOException {
        ObjectNode json = (ObjectNode) JSON.readTree(pebbleDirectory);
        json.put("renewalInfo", base + "/renewal-info");
        if (eabRequired) {
            json.withObjectProperty("meta").put("externalAccountRequired", true);
        }
        if (!profiles.isEmpty()) {
            ObjectNode meta = json.withObjectProperty("meta");
            ObjectNode offered = meta.putObject("profiles");
            new java.util.TreeMap<>(profiles).forEach(offered::put);
        }
        return JSON.writeValueAsBytes(json);
    }

    private void sawCertificate(byte[] pem) throws GeneralSecurityException {
        Collection<? extends java.security.cert.Certificate> chain = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem));
        X509Certificate leaf = (X509Certificate) chain.iterator().next();
        Instant notBefore = leaf.getNotBefore().toInstant();
        Duration lifetime = Duration.between(notBefore, leaf.getNotAfter().toInstant());
        defaultWindows.put(certId(leaf), new Window(notBefore.plusMillis((long) (lifetime.toMillis() * windowFrom)),
                notBefore.plusMillis((long) (lifetime.toMillis() * windowTo))));
    }

    private void renewalInfo(HttpExchange exchange, String certId) throws IOException {
        Window window = Optional.ofNullable(movedWindows.get(certId)).orElse(defaultWindows.get(certId));
        if (window == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("suggestedWindow", Map.of("start", window.start().toString(), "end", window.end().toString()));
        answer.put("explanationURL", explanation(certId));
        byte[] out = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Retry-After", String.valueOf(RETRY_AFTER.toSeconds()));
        exchange.sendResponseHeaders(200, out.length);
        exchange.getResponseBody().write(out);
    }

    private static Optional<JsonNode> payload(byte[] body) {
        try {
            JsonNode jws = JSON.readTree(body);
            String encoded = jws.path("payload").asText("");
            if (encoded.isEmpty()) {
                return Optional.empty(); // POST-as-GET
            }
            return Optional.of(JSON.readTree(Base64.getUrlDecoder().decode(encoded)));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static final Set<String> REQUEST_HEADERS = Set.of("content-type", "accept", "accept-language",
            "user-agent");
    private static final Set<String> RESPONSE_HEADERS = Set.of("content-type", "location", "link", "replay-nonce",
            "retry-after", "cache-control");

    private HttpResponse<byte[]> forward(HttpExchange exchange, byte[] body) throws IOException {
        URI target = pebble.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Host", URI.create(base).getAuthority())
                .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (REQUEST_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void reply(HttpExchange exchange, HttpResponse<byte[]> answer, byte[] body) throws IOException {
        answer.headers().map().forEach((name, values) -> {
            if (RESPONSE_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> exchange.getResponseHeaders().add(name, v));
            }
        });
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || body.length == 0;
        exchange.sendResponseHeaders(answer.statusCode(), noBody ? -1 : body.length);
        if (!noBody) {
            exchange.getResponseBody().write(body);
        }
    }

    private static SSLContext serverContext(Path certificate, Path key) throws IOException, GeneralSecurityException {
        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certificate)) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        String pem = Files.readString(key);
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(key + " is not a PKCS#8 key");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        PrivateKey privateKey = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = "front".toCharArray();
        store.setKeyEntry("front", privateKey, password, new java.security.cert.Certificate[]{cert});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    private static SSLContext clientContext(Path caPem) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("pebble-https", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
