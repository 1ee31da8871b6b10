package dev.certgate.core.alerts;

import dev.certgate.core.alerts.AlertPlanner.AcmeHealth;
import dev.certgate.core.alerts.AlertPlanner.CertificateEnd;
import dev.certgate.core.alerts.AlertPlanner.Plan;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AlertPlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-02T02:00:00Z");
    private static final List<Integer> DEFAULT = List.of(30, 14, 7, 3, 1);

    private static CertificateEnd uploaded(String id, Duration left) {
        return new CertificateEnd(id, id + ".example.com", "UPLOADED", NOW.minus(Duration.ofDays(300)), NOW.plus(left));
    }

    private static Plan plan(Set<String> raised, CertificateEnd... certificates) {
        return AlertPlanner.plan(NOW, DEFAULT, List.of(certificates), List.of(), raised);
    }

    @Test
    void theMostUrgentCrossedThresholdOnlyOncePerCertificateAndEnd() {
        CertificateEnd c = uploaded("a", Duration.ofDays(5).minusMinutes(1));
        Plan first = plan(Set.of(), c);
        assertEquals(1, first.alerts().size());
        Alert alert = first.alerts().get(0);
        assertEquals(AlertPlanner.expiryKey("a", c.notAfter(), 7), alert.key());
        assertEquals("[certgate] Warning: the certificate for a.example.com expires in 5 days", alert.subject());
        assertEquals(Alert.Severity.WARNING, alert.severity());
        assertTrue(alert.text().contains("Valid until: "), alert.text());
        // dedupe: the same key is not raised twice
        assertEquals(List.of(), plan(first.raisedKeys(), c).alerts());
        // the next threshold is a new alert, with escalated wording
        CertificateEnd later = uploaded("a", Duration.ofHours(60));
        later = new CertificateEnd("a", later.commonName(), "UPLOADED", c.notBefore(), c.notAfter());
        Plan urgent = AlertPlanner.plan(c.notAfter().minus(Duration.ofHours(60)), DEFAULT, List.of(later), List.of(),
                first.raisedKeys());
        assertEquals(1, urgent.alerts().size());
        assertEquals("[certgate] URGENT: the certificate for a.example.com expires in 3 days",
                urgent.alerts().get(0).subject());
        // a renewed certificate (same id, new end) starts again
        assertEquals(1, plan(first.raisedKeys(), uploaded("a", Duration.ofDays(20))).alerts().size());
    }

    @Test
    void nothingBeforeTheFirstThresholdAndOneExpiredAlertAfterTheEnd() {
        assertEquals(List.of(), plan(Set.of(), uploaded("b", Duration.ofDays(31))).alerts());
        Plan ended = plan(Set.of(), uploaded("b", Duration.ofMinutes(-5)));
        assertEquals(1, ended.alerts().size());
        assertTrue(ended.alerts().get(0).subject().startsWith("[certgate] EXPIRED: the certificate for b.example.com"));
        assertEquals(Alert.Severity.CRITICAL, ended.alerts().get(0).severity());
        assertEquals(List.of(), plan(ended.raisedKeys(), uploaded("b", Duration.ofMinutes(-5))).alerts());
    }

    @Test
    void underADayIsCountedInHours() {
        assertEquals("in 20 hours", AlertPlanner.inWords(Duration.ofHours(20).minusMinutes(3)));
        assertEquals("in 1 hour", AlertPlanner.inWords(Duration.ofMinutes(10)));
        assertEquals("in 1 day", AlertPlanner.inWords(Duration.ofHours(24)));
    }

    @Test
    void acmeCertificatesAlertOnlyOnceTheirRenewalIsOverdue() {
        Instant start = NOW.minus(Duration.ofDays(60));
        CertificateEnd onTime = new CertificateEnd("c", "c.example.com", "ACME", start, start.plus(Duration.ofDays(90)));
        assertEquals(List.of(), plan(Set.of(), onTime).alerts(), "30 days left of 90: the renewal is due, not late");
        CertificateEnd overdue = new CertificateEnd("c", "c.example.com", "ACME", start.minus(Duration.ofDays(17)),
                start.plus(Duration.ofDays(73)));
        Plan plan = plan(Set.of(), overdue);
        assertEquals(1, plan.alerts().size());
        assertTrue(plan.alerts().get(0).text().contains("renews this certificate by ACME"));
    }

    @Test
    void manyAtOnceGoOutAsOneDigest() {
        List<Alert> alerts = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            alerts.addAll(plan(Set.of(), uploaded("d" + i, Duration.ofDays(2))).alerts());
        }
        List<AlertMessage> digest = AlertPlanner.messages(alerts, 5);
        assertEquals(1, digest.size());
        assertEquals("[certgate] 6 alerts (6 critical)", digest.get(0).subject());
        for (int i = 0; i < 6; i++) {
            assertTrue(digest.get(0).text().contains("d" + i + ".example.com"), digest.get(0).text());
        }
        assertEquals(4, AlertPlanner.messages(alerts.subList(0, 4), 5).size(), "below the digest size: one each");
        assertEquals(List.of(), AlertPlanner.messages(List.of(), 5));
        assertThrows(IllegalArgumentException.class, () -> AlertPlanner.messages(alerts, 1));
    }

    private static AcmeHealth acme(int failures, Duration left, Duration lifetime) {
        Instant end = NOW.plus(left);
        return new AcmeHealth("e.example.com", failures, failures == 0 ? Optional.empty() : Optional.of("CA"),
                failures == 0 ? Optional.empty() : Optional.of("urn:ietf:params:acme:error:rejectedIdentifier"),
                NOW.plus(Duration.ofMinutes(4)), Optional.of(end.minus(lifetime)), Optional.of(end));
    }

    private static Plan plan(Set<String> raised, AcmeHealth domain) {
        return AlertPlanner.plan(NOW, DEFAULT, List.of(), List.of(domain), raised);
    }

    @Test
    void acmeFailingAfterTheSecondAttemptThenLateThenRecoveredOnce() {
        Duration lifetime = Duration.ofDays(90);
        assertEquals(List.of(), plan(Set.of(), acme(1, Duration.ofDays(50), lifetime)).alerts(), "one failure: quiet");
        Plan failing = plan(Set.of(), acme(2, Duration.ofDays(50), lifetime));
        assertEquals(1, failing.alerts().size());
        Alert alert = failing.alerts().get(0);
        assertEquals(Alert.Kind.ACME_FAILING, alert.kind());
        assertEquals("[certgate] ACME renewal for e.example.com is failing (2 attempts)", alert.subject());
        assertTrue(alert.text().contains("the CA refused the order"), alert.text());
        assertTrue(alert.text().contains("rejectedIdentifier"), alert.text());
        Set<String> raised = new HashSet<>(failing.raisedKeys());
        assertEquals(List.of(), plan(raised, acme(3, Duration.ofDays(40), lifetime)).alerts(), "deduped");
        Plan late = plan(raised, acme(4, Duration.ofDays(29), lifetime));
        assertEquals(List.of(Alert.Kind.ACME_FAILING_LATE), late.alerts().stream().map(Alert::kind).toList());
        raised.addAll(late.raisedKeys());
        assertEquals(List.of(), plan(raised, acme(5, Duration.ofDays(28), lifetime)).alerts());
        Plan recovered = plan(raised, acme(0, Duration.ofDays(90), lifetime));
        assertEquals(List.of(Alert.Kind.ACME_RECOVERED), recovered.alerts().stream().map(Alert::kind).toList());
        assertEquals(raised, recovered.closedKeys());
        raised.removeAll(recovered.closedKeys());
        assertEquals(List.of(), plan(raised, acme(0, Duration.ofDays(90), lifetime)).alerts(), "recovered once");
    }

    @Test
    void aReregistrationOfTheAccountIsAlertedOnceWhileItIsNews() {
        Instant at = NOW.minus(Duration.ofMinutes(3));
        Optional<AlertPlanner.AccountReregistration> r = Optional.of(new AlertPlanner.AccountReregistration(
                "https://ca.example/dir", "https://ca.example/acct/2", at));
        Plan first = AlertPlanner.plan(NOW, DEFAULT, List.of(), List.of(), r, Set.of());
        assertEquals(List.of(Alert.Kind.ACME_ACCOUNT_REREGISTERED), first.alerts().stream().map(Alert::kind).toList());
        assertTrue(first.alerts().get(0).text().contains("https://ca.example/dir no longer knew"),
                first.alerts().get(0).text());
        assertEquals(List.of(), AlertPlanner.plan(NOW, DEFAULT, List.of(), List.of(), r, first.raisedKeys())
                .alerts(), "once");
        assertEquals(List.of(), AlertPlanner.plan(NOW.plus(Duration.ofDays(8)), DEFAULT, List.of(), List.of(), r,
                Set.of()).alerts(), "old news");
    }

    @Test
    void aFirstAlertThatIsAlreadyLateSaysBothInOneMessage() {
        Plan plan = plan(Set.of(), acme(2, Duration.ofDays(20), Duration.ofDays(90)));
        assertEquals(1, plan.alerts().size());
        assertEquals(Alert.Kind.ACME_FAILING_LATE, plan.alerts().get(0).kind());
        assertEquals(Set.of(AlertPlanner.acmeFailingKey("e.example.com"), AlertPlanner.acmeLateKey("e.example.com")),
                plan.raisedKeys());
    }

    @Test
    void aDomainThatLeftAcmeClosesItsEpisodeQuietly() {
        Plan plan = AlertPlanner.plan(NOW, DEFAULT, List.of(), List.of(),
                Set.of(AlertPlanner.acmeFailingKey("gone.example.com")));
        assertEquals(List.of(), plan.alerts());
        assertEquals(Set.of(AlertPlanner.acmeFailingKey("gone.example.com")), plan.closedKeys());
    }

    @Test
    void thresholdsAreChecked() {
        assertEquals(List.of(1, 3, 7), AlertPlanner.thresholds(List.of(7, 1, 3)));
        assertThrows(IllegalArgumentException.class, () -> AlertPlanner.thresholds(List.of()));
        assertThrows(IllegalArgumentException.class, () -> AlertPlanner.thresholds(List.of(0)));
        assertThrows(IllegalArgumentException.class, () -> AlertPlanner.thresholds(List.of(3, 3)));
        assertThrows(IllegalArgumentException.class, () -> AlertPlanner.thresholds(List.of(400)));
    }

    @Test
    void aServedMismatchIsOneCriticalAlertPerNodeAndNameWithWhatToDo() {
        Alert alert = AlertPlanner.servedMismatch(NOW, "node-a", "www.example.com", "cert-1",
                "The gateway serves a certificate for www.example.com (SHA-256 ab) that is not the stored one.");
        assertEquals(Alert.Kind.SERVED_MISMATCH, alert.kind());
        assertEquals(Alert.Severity.CRITICAL, alert.severity());
        assertEquals(AlertPlanner.servedKey("node-a", "www.example.com"), alert.key());
        assertEquals("cert-1", alert.target());
        assertEquals("[certgate] www.example.com is not served as stored on node-a", alert.subject());
        assertTrue(alert.text().contains("SHA-256 ab"), alert.text());
        assertTrue(alert.text().contains("What to do:"), alert.text());
        assertEquals("www.example.com", AlertPlanner.servedMismatch(NOW, "node-a", "www.example.com", null, "x")
                .target(), "the name when the store has no certificate for it");
    }

    @Test
    void aNodeDownIsOneCriticalAlertPerNodeNamingItAndSinceWhen() {
        Instant last = NOW.minusSeconds(45);
        Alert alert = AlertPlanner.nodeDown(NOW, "node-b", last, 45);
        assertEquals(Alert.Kind.NODE_DOWN, alert.kind());
        assertEquals(Alert.Severity.CRITICAL, alert.severity());
        assertEquals("NODE_DOWN/node-b", alert.key());
        assertTrue(alert.key().startsWith(AlertPlanner.NODE_DOWN_PREFIX));
        assertEquals("node-b", alert.target());
        assertTrue(alert.subject().contains("node-b") && alert.subject().contains("silent since"), alert.subject());
        assertTrue(alert.text().contains("(45 s)") && alert.text().contains("What to do:"), alert.text());
    }
}
