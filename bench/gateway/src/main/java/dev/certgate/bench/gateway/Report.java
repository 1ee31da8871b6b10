package dev.certgate.bench.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns run.sh's RESULT lines into Markdown tables: per N and figure, each server's raw rate and its rate per server
 * core-second, and the gateway's ratios to bare JSSE and to nginx (raw, and per core-second); latency figures give
 * p50/p99 instead.
 */
public final class Report {

    public static void main(String[] args) throws Exception {
        Map<String, Map<String, Map<String, String>>> rows = new LinkedHashMap<>(); // "n|figure" -> server -> fields
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.startsWith("RESULT ")) {
                continue;
            }
            Map<String, String> f = new HashMap<>();
            for (String kv : line.substring(7).split(" ")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    f.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            rows.computeIfAbsent(f.get("n") + "|" + f.get("label"), k -> new LinkedHashMap<>()).put(f.get("server"), f);
        }
        System.out.println();
        System.out.println("| N | figure | gateway | bare JSSE | nginx | gateway ÷ JSSE | gateway ÷ nginx | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (var row : rows.entrySet()) {
            String[] key = row.getKey().split("\\|");
            Map<String, Map<String, String>> s = row.getValue();
            boolean latency = !s.values().iterator().next().getOrDefault("target_rate", "0").equals("0");
            StringBuilder b = new StringBuilder("| " + key[0] + " | " + key[1] + " | ");
            for (String server : new String[]{"gateway", "jsse", "nginx"}) {
                Map<String, String> f = s.get(server);
                if (f == null) {
                    b.append("— | ");
                } else if (latency) {
                    b.append(String.format("p50 %s / p99 %s ms (%s/s) | ", f.get("p50_ms"), f.get("p99_ms"),
                            round(f.get("rate"))));
                } else {
                    b.append(String.format("%s (%s per core-s) | ", round(f.get("rate")), f.get("per_server_core_s")));
                }
            }
            b.append(latency ? "— | — | " : ratio(s.get("gateway"), s.get("jsse")) + " | " + ratio(s.get("gateway"), s.get("nginx")) + " | ");
            StringBuilder errors = new StringBuilder();
            s.forEach((server, f) -> {
                if (!"0".equals(f.get("errors"))) {
                    errors.append(server).append(' ').append(f.get("errors")).append(' ');
                }
            });
            b.append(errors.length() == 0 ? "0" : errors.toString().trim()).append(" |");
            System.out.println(b);
        }
    }

    private static String round(String value) {
        return value == null ? "—" : String.format("%,.0f", Double.parseDouble(value));
    }

    /** raw ratio, then per core-second ratio */
    private static String ratio(Map<String, String> a, Map<String, String> b) {
        if (a == null || b == null) {
            return "—";
        }
        double raw = Double.parseDouble(a.get("rate")) / Double.parseDouble(b.get("rate"));
        String perCore = "—";
        try {
            perCore = String.format("%.2f", Double.parseDouble(a.get("per_server_core_s"))
                    / Double.parseDouble(b.get("per_server_core_s")));
        } catch (NumberFormatException e) {
            // no server CPU for one of them
        }
        return String.format("%.2f (per core-s %s)", raw, perCore);
    }
}
