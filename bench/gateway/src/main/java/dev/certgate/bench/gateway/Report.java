package dev.certgate.bench.gateway;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Turns run.sh's RESULT lines into a Markdown table: per N and figure, each server's raw rate and its rate per server
 * core-second, and the gateway's ratios to bare JSSE and to nginx (raw, and per core-second); latency figures give
 * p50/p99 instead. With several rounds (BENCH_ROUNDS) a server's figure is the median of its rounds (min–max after
 * it), and a ratio is the median of the per-round ratios (round i of the gateway over round i of the other server,
 * measured one right after the other).
 */
public final class Report {

    public static void main(String[] args) throws Exception {
        // "n|figure" -> server -> one field map per round, in the order measured
        Map<String, Map<String, List<Map<String, String>>>> rows = new LinkedHashMap<>();
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
            rows.computeIfAbsent(f.get("n") + "|" + f.get("label"), k -> new LinkedHashMap<>())
                    .computeIfAbsent(f.get("server"), k -> new ArrayList<>()).add(f);
        }
        System.out.println();
        System.out.println("| N | figure | rounds | gateway | bare JSSE | nginx | gateway ÷ JSSE | gateway ÷ nginx | errors |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        for (var row : rows.entrySet()) {
            String[] key = row.getKey().split("\\|");
            Map<String, List<Map<String, String>>> s = row.getValue();
            boolean latency = !s.values().iterator().next().get(0).getOrDefault("target_rate", "0").equals("0");
            int rounds = s.values().stream().mapToInt(List::size).max().orElse(0);
            StringBuilder b = new StringBuilder("| " + key[0] + " | " + key[1] + " | " + rounds + " | ");
            for (String server : new String[]{"gateway", "jsse", "nginx"}) {
                List<Map<String, String>> f = s.get(server);
                if (f == null) {
                    b.append("— | ");
                } else if (latency) {
                    b.append(String.format("p50 %s / p99 %s ms (%s/s) | ", spread(f, r -> number(r, "p50_ms"), "%.2f"),
                            spread(f, r -> number(r, "p99_ms"), "%.2f"), spread(f, r -> number(r, "rate"), "%,.0f")));
                } else {
                    b.append(String.format("%s (%s per core-s) | ", spread(f, r -> number(r, "rate"), "%,.0f"),
                            spread(f, r -> number(r, "per_server_core_s"), "%,.0f")));
                }
            }
            b.append(latency ? "— | — | "
                    : ratio(s.get("gateway"), s.get("jsse")) + " | " + ratio(s.get("gateway"), s.get("nginx")) + " | ");
            StringBuilder errors = new StringBuilder();
            s.forEach((server, f) -> {
                long sum = f.stream().mapToLong(r -> Long.parseLong(r.getOrDefault("errors", "0"))).sum();
                if (sum != 0) {
                    errors.append(server).append(' ').append(sum).append(' ');
                }
            });
            b.append(errors.length() == 0 ? "0" : errors.toString().trim()).append(" |");
            System.out.println(b);
        }
    }

    private static double number(Map<String, String> round, String field) {
        try {
            return Double.parseDouble(round.getOrDefault(field, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The median of the rounds' values, with min–max after it when there is more than one round. */
    private static String spread(List<Map<String, String>> rounds, ToDoubleFunction<Map<String, String>> value,
                                 String format) {
        double[] values = rounds.stream().mapToDouble(value).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (values.length == 0) {
            return "—";
        }
        String median = String.format(format, median(values));
        return values.length == 1 ? median
                : median + " [" + String.format(format, values[0]) + "–" + String.format(format, values[values.length - 1]) + "]";
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Median of the per-round raw ratios, then of the per-round per-core-second ratios. */
    private static String ratio(List<Map<String, String>> a, List<Map<String, String>> b) {
        if (a == null || b == null) {
            return "—";
        }
        int n = Math.min(a.size(), b.size());
        List<Double> raw = new ArrayList<>();
        List<Double> perCore = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            raw.add(number(a.get(i), "rate") / number(b.get(i), "rate"));
            perCore.add(number(a.get(i), "per_server_core_s") / number(b.get(i), "per_server_core_s"));
        }
        return String.format("%s (per core-s %s)", ratioSpread(raw), ratioSpread(perCore));
    }

    private static String ratioSpread(List<Double> ratios) {
        double[] values = ratios.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)
                && !Double.isInfinite(v)).sorted().toArray();
        if (values.length == 0) {
            return "—";
        }
        String median = String.format("%.2f", median(values));
        return values.length == 1 ? median
                : median + " [" + String.format("%.2f", values[0]) + "–" + String.format("%.2f", values[values.length - 1]) + "]";
    }
}
