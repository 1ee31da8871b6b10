package dev.certgate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MetricsTest {

    @Test
    void theExpiryGaugesFollowTheStoreOneGaugePerCertificate() throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        Metrics metrics = new Metrics();
        Field field = Metrics.class.getDeclaredField("registry");
        field.setAccessible(true);
        field.set(metrics, registry);
        Instant end = Instant.now().plusSeconds(86_400);
        List<Metrics.CertificateEnd> store = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            store.add(new Metrics.CertificateEnd("id-" + i, "n" + i + ".test", "UPLOADED", end));
        }
        metrics.certificates(store);
        assertEquals(2_000, registry.find(Metrics.EXPIRY).gauges().size());

        // most deleted at once (as after a bulk delete), one renamed, one renewed: each gauge is replaced or removed
        List<Metrics.CertificateEnd> after = new ArrayList<>();
        after.add(new Metrics.CertificateEnd("id-0", "renamed.test", "UPLOADED", end));
        after.add(new Metrics.CertificateEnd("id-1", "n1.test", "UPLOADED", end.plusSeconds(3_600)));
        after.add(store.get(2));
        metrics.certificates(after);
        Set<String> left = new TreeSet<>();
        for (Gauge gauge : registry.find(Metrics.EXPIRY).gauges()) {
            left.add(gauge.getId().getTag("id") + " " + gauge.getId().getTag("cn"));
        }
        assertEquals(Set.of("id-0 renamed.test", "id-1 n1.test", "id-2 n2.test"), left);
        double renewed = registry.find(Metrics.EXPIRY).tag("id", "id-1").gauge().value();
        assertEquals(86_400 + 3_600, renewed, 5);

        metrics.certificates(List.of());
        assertEquals(0, registry.find(Metrics.EXPIRY).gauges().size());
    }
}
