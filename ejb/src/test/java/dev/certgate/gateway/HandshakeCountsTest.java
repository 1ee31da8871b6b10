package dev.certgate.gateway;

import dev.certgate.api.HostName;
import dev.certgate.core.sni.ServedCertificate;
import dev.certgate.core.sni.SniFixtures;
import dev.certgate.metrics.Metrics.SniOutcome;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How a chosen certificate is counted: the name's own, a wildcard, or the default. */
class HandshakeCountsTest {

    @Test
    void theOutcomeOfAChoice() throws Exception {
        ServedCertificate fixture = SniFixtures.served("ec");
        ServedCertificate served = new ServedCertificate("a", fixture.chain(), fixture.key(),
                List.of("www.example.com", "*.example.org"));
        assertEquals(SniOutcome.EXACT, HandshakeCounts.outcome(HostName.of("WWW.example.com"), served));
        assertEquals(SniOutcome.WILDCARD, HandshakeCounts.outcome(HostName.of("app.example.org"), served));
        assertEquals(SniOutcome.DEFAULT, HandshakeCounts.outcome(HostName.of("other.test"), served));
        assertEquals(SniOutcome.DEFAULT, HandshakeCounts.outcome(null, served));
        assertEquals(SniOutcome.DEFAULT, HandshakeCounts.outcome(HostName.of("example.org"), served));
    }
}
