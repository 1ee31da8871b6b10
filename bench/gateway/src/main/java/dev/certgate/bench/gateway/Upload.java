package dev.certgate.bench.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads certificate sets into a running certgate through its REST API, as an operator would:
 * {@code POST /certgate/api/v1/certificates} with the PEM chain and key, HTTP Basic. Certificates already uploaded
 * (their ids are kept in {@code SET/ids.txt}, one per line, line i for leaf i) are not sent again, so a run can grow
 * from 1 to N names on the same server. Then replaces the application {@code bench} (its backend and one domain per
 * name of the given sets, each bound to its own certificate) through {@code /certgate/api/v1/applications}.
 *
 * <pre>Upload BASE_URL USER:PASSWORD BACKEND_URL APP_SETS SET:N [SET:N ...]</pre>
 * APP_SETS: comma-separated set dirs whose names become the application's domains (or "-" for none).
 */
public final class Upload {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String auth;

    private Upload(String base, String credentials) {
        this.base = base;
        this.auth = "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Upload upload = new Upload(args[0], args[1]);
        String backend = args[2];
        List<String> appSets = args[3].equals("-") ? List.of() : List.of(args[3].split(","));
        StringBuilder domains = new StringBuilder();
        for (int a = 4; a < args.length; a++) {
            int colon = args[a].lastIndexOf(':');
            Path dir = Path.of(args[a].substring(0, colon));
            int n = Integer.parseInt(args[a].substring(colon + 1));
            List<String> ids = upload.certificates(dir, n);
            if (appSets.contains(dir.toString())) {
                for (int i = 1; i <= n; i++) {
                    String name = Files.readString(dir.resolve(i + ".name")).trim();
                    domains.append(domains.length() == 0 ? "" : ",")
                            .append("{\"name\":\"").append(name).append("\",\"certificateId\":\"")
                            .append(ids.get(i - 1)).append("\",\"redirectHttps\":false,\"hsts\":false}");
                }
            }
        }
        if (!appSets.isEmpty()) {
            upload.application(backend, domains.toString());
        }
    }

    /** Threads posting at once (BENCH_UPLOAD_THREADS, default 4): concurrent imports share gateway refreshes. */
    private static final int THREADS = Integer.parseInt(System.getenv().getOrDefault("BENCH_UPLOAD_THREADS", "4"));

    private List<String> certificates(Path dir, int n) throws Exception {
        Path idsFile = dir.resolve("ids.txt");
        List<String> known = Files.exists(idsFile) ? Files.readAllLines(idsFile) : List.of();
        long started = System.nanoTime();
        int first = known.size() + 1;
        String[] sent = new String[Math.max(0, n - known.size())];
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(THREADS);
        try {
            List<java.util.concurrent.Future<?>> posts = new ArrayList<>();
            for (int i = first; i <= n; i++) {
                int leaf = i;
                posts.add(pool.submit(() -> {
                    String body = "{\"certificate\":" + json(Files.readString(dir.resolve(leaf + ".crt")))
                            + ",\"privateKey\":" + json(Files.readString(dir.resolve(leaf + ".key")))
                            + ",\"description\":\"certgate gateway benchmark\"}";
                    String answer = send("POST", "/certgate/api/v1/certificates", body, 201);
                    Matcher m = ID.matcher(answer);
                    if (!m.find()) {
                        throw new IllegalStateException("no id in " + answer);
                    }
                    sent[leaf - first] = m.group(1);
                    Files.writeString(dir.resolve(leaf + ".name"), name(answer) + "\n");
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> post : posts) {
                post.get(); // the first failure ends the run
            }
        } finally {
            pool.shutdownNow();
        }
        List<String> ids = new ArrayList<>(known);
        ids.addAll(List.of(sent));
        Files.write(idsFile, ids);
        System.err.printf("upload: %s: %d sent (%d threads), %d in total, %.1f s%n", dir, sent.length, THREADS,
                ids.size(), (System.nanoTime() - started) / 1e9);
        return ids;
    }

    private static String name(String certificateJson) {
        Matcher m = Pattern.compile("\"commonName\"\\s*:\\s*\"([^\"]+)\"").matcher(certificateJson);
        if (!m.find()) {
            throw new IllegalStateException("no commonName in " + certificateJson);
        }
        return m.group(1);
    }

    /** Deletes the application "bench" if there is one, then creates it with these domains. */
    private void application(String backend, String domains) throws Exception {
        String all = send("GET", "/certgate/api/v1/applications", null, 200);
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"\\s*,\\s*\"name\"\\s*:\\s*\"bench\"").matcher(all);
        if (m.find()) {
            send("DELETE", "/certgate/api/v1/applications/" + m.group(1), null, 204);
        }
        send("POST", "/certgate/api/v1/applications", "{\"name\":\"bench\",\"backends\":[" + json(backend)
                + "],\"domains\":[" + domains + "]}", 201);
        System.err.println("upload: application bench created, backend " + backend);
    }

    private String send(String method, String path, String body, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", auth)
                .header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String json(String text) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
