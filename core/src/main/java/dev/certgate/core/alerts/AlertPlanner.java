package dev.certgate.core.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which alerts are due now, and how they go out. Pure: the clock's instant, the certificates, the ACME
 * domains and the keys already raised are passed in.
 * <ul>
 *   <li><b>Expiry.</b> For each certificate, the most urgent threshold (days left, e.g. 30, 14, 7, 3, 1) its end has
 *   crossed, once per certificate, end and threshold: a certificate first seen 5 days before its end gets the 7-day
 *   alert only, and a renewal (a new end) starts again. An ended certificate gets one "expired" alert. The wording
 *   escalates: notice, warning, urgent, expired. An ACME certificate is renewed when a third of its lifetime is left,
 *   so its alerts start at the first threshold below that: a renewal on time raises none.</li>
 *   <li><b>ACME failing.</b> After the second failed attempt in a row; again when the certificate in service has
 *   less than a third of its lifetime left (when both hold at the first alert, one alert says both); "recovered"
 *   once the renewal works again (no failure counted), which closes the episode.</li>
 *   <li><b>Digest.</b> When {@code digestFrom} or more alerts are due at once, each channel gets one message listing
 *   them all instead of a storm.</li>
 * </ul>
 */
public final class AlertPlanner {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private AlertPlanner() {
    }

    /** A stored certificate's end, as the check sees it. {@code source} is the store's (UPLOADED, ACME, ...). */
    public record CertificateEnd(String id, String commonName, String source, Instant notBefore, Instant notAfter) {
        public CertificateEnd {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(commonName, "commonName");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
        }
    }

    /**
     * An ACME domain's renewal state.
     *
     * @param failureCount failed attempts in a row (0 once one works)
     * @param errorCause   the last failure's cause (DNS, CONNECTION, CA, ...); empty when none
     * @param lastError    the last failure's message; empty when none
     * @param notBefore    the start of the certificate in service; empty when there is none yet
     * @param notAfter     its end
     */
    public record AcmeHealth(String domain, int failureCount, Optional<String> errorCause, Optional<String> lastError,
                             Instant nextAttempt, Optional<Instant> notBefore, Optional<Instant> notAfter) {
        public AcmeHealth {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(errorCause, "errorCause");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(nextAttempt, "nextAttempt");
            Objects.requireNonNull(notBefore, "notBefore");
            Objects.requireNonNull(notAfter, "notAfter");
        }
    }

    /**
     * What the check does now.
     *
     * @param alerts     the alerts to raise and send, most urgent first
     * @param quietKeys  keys to mark raised without a message of their own (said by another alert of this plan)
     * @param closedKeys raised keys whose episode ended (an ACME domain recovered or no longer uses ACME): they may
     *                   be raised again later
     */
    public record Plan(List<Alert> alerts, Set<String> quietKeys, Set<String> closedKeys) {
        public Plan {
            alerts = List.copyOf(alerts);
            quietKeys = Set.copyOf(quietKeys);
            closedKeys = Set.copyOf(closedKeys);
        }

        /** Every key this plan raises, with or without a message. */
        public Set<String> raisedKeys() {
            Set<String> keys = new TreeSet<>(quietKeys);
            alerts.forEach(alert -> keys.add(alert.key()));
            return keys;
        }
    }

    /** The expiry alert's key: once per certificate, end and threshold (0: ended). */
    public static String expiryKey(String certificateId, Instant notAfter, int thresholdDays) {
        return "EXPIRY/" + certificateId + "/" + notAfter.getEpochSecond() + "/" + thresholdDays;
    }

    public static String acmeFailingKey(String domain) {
        return "ACME_FAILING/" + domain;
    }

    public static String acmeLateKey(String domain) {
        return "ACME_FAILING_LATE/" + domain;
    }

    /**
     * The thresholds as given, checked: each a whole number of days from 1 to 365, none twice, at least one.
     *
     * @return them from the most urgent (fewest days) on
     * @throws IllegalArgumentException naming what is wrong
     */
    public static List<Integer> thresholds(Collection<Integer> days) {
        Objects.requireNonNull(days, "days");
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer d : days) {
            if (d == null || d < 1 || d > 365) {
                throw new IllegalArgumentException("a threshold is a whole number of days from 1 to 365, not " + d);
            }
            if (!sorted.add(d)) {
                throw new IllegalArgumentException("the threshold " + d + " is given twice");
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("at least one threshold is needed");
        }
        return List.copyOf(sorted);
    }

    /**
     * The alerts due at {@code now}.
     *
     * @param thresholdDays the expiry thresholds ({@link #thresholds})
     * @param raised        the keys raised before and not closed
     */
    public static Plan plan(Instant now, List<Integer> thresholdDays, Collection<CertificateEnd> certificates,
                            Collection<AcmeHealth> acme, Set<String> raised) {
        return plan(now, thresholdDays, certificates, acme, Optional.empty(), raised);
    }

    /**
     * The ACME account's last registration by certgate itself, after the CA had forgotten it.
     *
     * @param directoryUrl the CA
     * @param accountUrl   the account's new URL
     * @param at           when it was registered again
     */
    public record AccountReregistration(String directoryUrl, String accountUrl, Instant at) {
        public AccountReregistration {
            Objects.requireNonNull(directoryUrl, "directoryUrl");
            Objects.requireNonNull(accountUrl, "accountUrl");
            Objects.requireNonNull(at, "at");
        }
    }

    /** How long after a re-registration it is still news (an older one is not alerted). */
    public static final Duration REREGISTRATION_NEWS = Duration.ofDays(7);

    /** The key of the alert for a re-registration: one per registration. */
    public static String reregisteredKey(Instant at) {
        return "ACME_ACCOUNT_REREGISTERED/acme-account@" + at.toEpochMilli();
    }

    /**
     * As {@link #plan(Instant, List, Collection, Collection, Set)}, with the ACME account's last re-registration by
     * certgate (alerted once, while it is news).
     */
    public static Plan plan(Instant now, List<Integer> thresholdDays, Collection<CertificateEnd> certificates,
                            Collection<AcmeHealth> acme, Optional<AccountReregistration> reregistration,
                            Set<String> raised) {
        Plan plan = planWithout(now, thresholdDays, certificates, acme, raised);
        if (reregistration.isEmpty() || raised.contains(reregisteredKey(reregistration.get().at()))
                || reregistration.get().at().isBefore(now.minus(REREGISTRATION_NEWS))) {
            return plan;
        }
        AccountReregistration r = reregistration.get();
        List<Alert> alerts = new ArrayList<>(plan.alerts());
        alerts.add(new Alert(reregisteredKey(r.at()), Alert.Kind.ACME_ACCOUNT_REREGISTERED, Alert.Severity.WARNING,
                "acme-account", "[certgate] The ACME CA had forgotten the account; certgate registered it again",
                "The CA at " + r.directoryUrl() + " no longer knew certgate's ACME account (a reset or a deletion on "
                        + "its side), so certgate registered it again by itself on " + WHEN.format(r.at())
                        + ", with the same contact, a new key of the same type and the terms agreed before. The new "
                        + "account is " + r.accountUrl() + ".\n\nWhat to do: nothing for the renewals, which went on. "
                        + "If nobody at the CA expected this, ask the CA why the account was gone; the audit log has "
                        + "the details (ACME_ACCOUNT_REREGISTER).\n", now));
        alerts.sort(Comparator.comparing(Alert::severity).reversed().thenComparing(Alert::target));
        return new Plan(alerts, plan.quietKeys(), plan.closedKeys());
    }

    private static Plan planWithout(Instant now, List<Integer> thresholdDays, Collection<CertificateEnd> certificates,
                                    Collection<AcmeHealth> acme, Set<String> raised) {
        Objects.requireNonNull(now, "now");
        List<Integer> thresholds = thresholds(thresholdDays);
        Objects.requireNonNull(raised, "raised");
        List<Alert> alerts = new ArrayList<>();
        Set<String> quiet = new HashSet<>();
        Set<String> closed = new HashSet<>();
        for (CertificateEnd certificate : certificates) {
            expiry(now, thresholds, certificate).filter(alert -> !raised.contains(alert.key())).ifPresent(alerts::add);
        }
        Set<String> acmeDomains = new HashSet<>();
        for (AcmeHealth domain : acme) {
            acmeDomains.add(domain.domain());
            String failingKey = acmeFailingKey(domain.domain());
            String lateKey = acmeLateKey(domain.domain());
            boolean failingRaised = raised.contains(failingKey);
            boolean lateRaised = raised.contains(lateKey);
            if (domain.failureCount() == 0) {
                if (failingRaised || lateRaised) {
                    alerts.add(recovered(now, domain));
                    closeIfRaised(raised, closed, failingKey, lateKey);
                }
                continue;
            }
            boolean late = lessThanAThirdLeft(now, domain);
            if (domain.failureCount() >= 2 && !failingRaised) {
                if (late && !lateRaised) {
                    alerts.add(failing(now, domain, true, lateKey));
                    quiet.add(failingKey);
                } else {
                    alerts.add(failing(now, domain, false, failingKey));
                }
            } else if (failingRaised && late && !lateRaised) {
                alerts.add(failing(now, domain, true, lateKey));
            }
        }
        for (String key : raised) {
            if (key.startsWith("ACME_FAILING") && !acmeDomains.contains(key.substring(key.indexOf('/') + 1))) {
                closed.add(key); // the domain no longer uses ACME: its episode ends without a message
            }
        }
        alerts.sort(Comparator.comparing(Alert::severity).reversed().thenComparing(Alert::target));
        return new Plan(alerts, quiet, closed);
    }

    /**
     * How {@code alerts} go out to each channel: one message each, or one digest when there are {@code digestFrom}
     * or more.
     */
    public static List<AlertMessage> messages(List<Alert> alerts, int digestFrom) {
        if (digestFrom < 2) {
            throw new IllegalArgumentException("a digest gathers at least 2 alerts, not " + digestFrom);
        }
        if (alerts.isEmpty()) {
            return List.of();
        }
        if (alerts.size() < digestFrom) {
            return alerts.stream().map(a -> new AlertMessage(a.subject(), a.text(), List.of(a))).toList();
        }
        Map<Alert.Severity, Long> counts = new java.util.EnumMap<>(Alert.Severity.class);
        alerts.forEach(a -> counts.merge(a.severity(), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        for (Alert.Severity s : List.of(Alert.Severity.CRITICAL, Alert.Severity.WARNING, Alert.Severity.INFO)) {
            if (counts.containsKey(s)) {
                parts.add(counts.get(s) + " " + s.name().toLowerCase(Locale.ROOT));
            }
        }
        String subject = "[certgate] " + alerts.size() + " alerts (" + String.join(", ", parts) + ")";
        StringBuilder text = new StringBuilder(alerts.size() + " alerts were raised at once; each is below.\n");
        int n = 1;
        for (Alert alert : alerts) {
            text.append("\n").append(n++).append(". ").append(alert.subject()).append("\n")
                    .append(alert.text().indent(3));
        }
        return List.of(new AlertMessage(subject, text.toString(), alerts));
    }

    /** A test alert, as "send a test alert" sends it. */
    public static Alert test(Instant now, String by) {
        return new Alert("TEST/" + now.toEpochMilli(), Alert.Kind.TEST, Alert.Severity.INFO, "test",
                "[certgate] Test alert", "This is a test alert sent by " + by + " at " + WHEN.format(now)
                + ". If you read it, this channel works; nothing needs to be done.\n", now);
    }

    /** The dedupe key of a served-certificate problem: one open alert per node and name. */
    public static String servedKey(String node, String host) {
        return "SERVED/" + node + "/" + host;
    }

    /**
     * A node's gateway serves {@code host} otherwise than the store says (the served-certificate check).
     *
     * @param certificateId the stored certificate concerned; null when the store has none for the name
     * @param problem       what the check found, in plain words
     */
    public static Alert servedMismatch(Instant now, String node, String host, String certificateId, String problem) {
        String facts = "Node: " + node + "\nName: " + host + (certificateId == null ? ""
                : "\nCertificate: id " + certificateId) + "\nChecked: " + WHEN.format(now) + "\n";
        return new Alert(servedKey(node, host), Alert.Kind.SERVED_MISMATCH, Alert.Severity.CRITICAL,
                certificateId == null ? host : certificateId,
                "[certgate] " + host + " is not served as stored on " + node,
                problem + "\n\nClients connecting to " + node + " for " + host + " do not get the certificate the "
                        + "store holds. What to do: look in that node's log for a failed snapshot rebuild or a key "
                        + "that did not open (CERTGATE-1105); re-import or renew the certificate, or restart the "
                        + "node, which reloads every certificate from the store.\n\n" + facts, now);
    }

    /** What every {@link #nodeDownKey} starts with. */
    public static final String NODE_DOWN_PREFIX = "NODE_DOWN/";

    /** The dedupe key of a node that stopped serving: one open alert per node, for the whole cluster. */
    public static String nodeDownKey(String node) {
        return NODE_DOWN_PREFIX + node;
    }

    /**
     * A node of the cluster stopped serving: its heartbeat has been silent for more than the node registry allows.
     *
     * @param lastHeartbeat the node's last heartbeat, by the database's clock
     * @param silentSeconds how long it has been silent when the alert is raised
     */
    public static Alert nodeDown(Instant now, String node, Instant lastHeartbeat, long silentSeconds) {
        return new Alert(nodeDownKey(node), Alert.Kind.NODE_DOWN, Alert.Severity.CRITICAL, node,
                "[certgate] Node " + node + " stopped serving (silent since " + WHEN.format(lastHeartbeat) + ")",
                "Node " + node + " has written no heartbeat since " + WHEN.format(lastHeartbeat) + " ("
                        + silentSeconds + " s): it is down, hung, or cannot reach the database. Clients that a load "
                        + "balancer or DNS still sends to it are not served, or are served what it loaded last.\n\n"
                        + "What to do: look at that node (is the server running? its log, CERTGATE-6005 for a "
                        + "database it cannot reach); take it out of the load balancer until it is back. When it is "
                        + "up again this alert ends by itself. A node taken out of the cluster for good: delete its "
                        + "row from the cluster_node table, and no alert is raised for it.\n\n"
                        + "Node: " + node + "\nLast heartbeat: " + WHEN.format(lastHeartbeat) + "\nChecked: "
                        + WHEN.format(now) + "\n", now);
    }

    // --- expiry ---

    static Optional<Alert> expiry(Instant now, List<Integer> thresholds, CertificateEnd c) {
        Duration left = Duration.between(now, c.notAfter());
        String what = "the certificate for " + c.commonName();
        String facts = "Certificate: " + c.commonName() + " (id " + c.id() + ", " + c.source().toLowerCase(Locale.ROOT)
                .replace('_', ' ') + ")\nValid until: " + WHEN.format(c.notAfter()) + "\n";
        boolean acme = "ACME".equals(c.source());
        if (left.isNegative() || left.isZero()) {
            return Optional.of(new Alert(expiryKey(c.id(), c.notAfter(), 0), Alert.Kind.EXPIRY,
                    Alert.Severity.CRITICAL, c.id(), "[certgate] EXPIRED: " + what + " expired on "
                    + WHEN.format(c.notAfter()), capitalized(what) + " has expired: clients that connect with its "
                    + "names are refused or warned now.\n\n" + facts + "\nWhat to do: " + remedy(acme, true), now));
        }
        Duration lifetime = Duration.between(c.notBefore(), c.notAfter());
        for (int days : thresholds) {
            Duration threshold = Duration.ofDays(days);
            if (left.compareTo(threshold) > 0) {
                continue;
            }
            if (acme && threshold.multipliedBy(3).compareTo(lifetime) >= 0) {
                return Optional.empty(); // not yet overdue: the renewal runs at a third of the lifetime left
            }
            Alert.Severity severity = days <= 3 ? Alert.Severity.CRITICAL
                    : days <= 7 ? Alert.Severity.WARNING : Alert.Severity.INFO;
            String word = days <= 3 ? "URGENT: " : days <= 7 ? "Warning: " : "Notice: ";
            String in = inWords(left);
            return Optional.of(new Alert(expiryKey(c.id(), c.notAfter(), days), Alert.Kind.EXPIRY, severity, c.id(),
                    "[certgate] " + word + what + " expires " + in, capitalized(what) + " expires " + in + " ("
                    + days + "-day alert).\n\n" + facts + "\nWhat to do: " + remedy(acme, false), now));
        }
        return Optional.empty();
    }

    private static String remedy(boolean acme, boolean ended) {
        if (acme) {
            return "certgate renews this certificate by ACME, and has not managed to" + (ended ? "" : " yet")
                    + ". Open the ACME page: the domain's last error says why (the renewal alerts too); fix that, "
                    + "then use \"Renew now\".\n";
        }
        return "obtain a new certificate for these names and replace this one on its page in certgate (Certificates,"
                + " then Replace), or bind the domains to an ACME certificate.\n";
    }

    /** "in 5 days", "in 20 hours", "in 1 hour": rounded up, so that a 5-day certificate says 5 days. */
    static String inWords(Duration left) {
        long hours = (left.toMinutes() + 59) / 60;
        if (hours < 24) {
            return "in " + Math.max(1, hours) + (hours <= 1 ? " hour" : " hours");
        }
        long days = (left.toHours() + 23) / 24;
        return "in " + days + (days == 1 ? " day" : " days");
    }

    // --- ACME ---

    private static boolean lessThanAThirdLeft(Instant now, AcmeHealth d) {
        if (d.notBefore().isEmpty() || d.notAfter().isEmpty()) {
            return false;
        }
        Duration lifetime = Duration.between(d.notBefore().get(), d.notAfter().get());
        return Duration.between(now, d.notAfter().get()).multipliedBy(3).compareTo(lifetime) < 0;
    }

    private static Alert failing(Instant now, AcmeHealth d, boolean late, String key) {
        String cause = d.errorCause().orElse("INTERNAL");
        StringBuilder text = new StringBuilder("ACME renewal for ").append(d.domain()).append(" has failed ")
                .append(d.failureCount()).append(" times in a row.\n");
        if (d.notAfter().isPresent()) {
            Duration left = Duration.between(now, d.notAfter().get());
            text.append(left.isNegative() ? "The certificate in service has expired (" + WHEN.format(d.notAfter().get())
                    + ").\n" : "The certificate in service is still served and expires " + inWords(left) + " ("
                    + WHEN.format(d.notAfter().get()) + ")" + (late ? ": less than a third of its lifetime is left"
                    : "") + ".\n");
        } else {
            text.append("The domain has no certificate yet: clients get the gateway's default certificate or none.\n");
        }
        text.append("\nWhy: ").append(causeInWords(cause)).append('\n');
        d.lastError().ifPresent(e -> text.append("The last error: ").append(e).append('\n'));
        text.append("\nWhat to do: ").append(whatToDo(cause)).append("\nThe next attempt: ")
                .append(WHEN.format(d.nextAttempt())).append(".\n");
        return new Alert(key, late ? Alert.Kind.ACME_FAILING_LATE : Alert.Kind.ACME_FAILING,
                late ? Alert.Severity.CRITICAL : Alert.Severity.WARNING, d.domain(),
                "[certgate] " + (late ? "URGENT: " : "") + "ACME renewal for " + d.domain() + " is failing ("
                        + d.failureCount() + " attempts)", text.toString(), now);
    }

    private static Alert recovered(Instant now, AcmeHealth d) {
        return new Alert("ACME_RECOVERED/" + d.domain() + "/" + now.toEpochMilli(), Alert.Kind.ACME_RECOVERED,
                Alert.Severity.INFO, d.domain(), "[certgate] Recovered: ACME renewal for " + d.domain()
                + " works again", "ACME renewal for " + d.domain() + " worked again"
                + d.notAfter().map(end -> ": the certificate in service is valid until " + WHEN.format(end))
                .orElse("") + ".\nNothing needs to be done.\n", now);
    }

    /** The failure cause in plain words. */
    static String causeInWords(String cause) {
        return switch (cause) {
            case "DNS" -> "a name did not resolve, or the DNS-01 record could not be published or seen.";
            case "CONNECTION" -> "certgate could not connect to the CA, or the CA's validator could not reach this "
                    + "gateway.";
            case "CA" -> "the CA refused the order (its own words are below).";
            case "RATE_LIMIT" -> "the CA's rate limit was reached; certgate waits as long as the CA asks.";
            case "TIMEOUT" -> "a step of the order did not finish in time.";
            case "ACCOUNT" -> "the ACME account is missing at the CA, deactivated, or must accept new terms.";
            case "CONFIGURATION" -> "certgate is not set up for this order (no ACME account, or no DNS-01 provider).";
            default -> "an unexpected error in certgate (the server log has its details).";
        };
    }

    private static String whatToDo(String cause) {
        return switch (cause) {
            case "DNS" -> "check that the domain's DNS points at this gateway (HTTP-01, TLS-ALPN-01) or that the "
                    + "DNS-01 provider settings are right, then use \"Renew now\" on the ACME page.";
            case "CONNECTION" -> "check that the CA's directory URL answers from this server and that ports 80/443 "
                    + "of this gateway are reachable from the internet, then use \"Renew now\".";
            case "CA" -> "read the CA's words above: a name it will not issue for, or another server answering the "
                    + "challenge, must be fixed in the domain or its DNS.";
            case "RATE_LIMIT" -> "nothing, unless it lasts: certgate retries after the CA's wait. Avoid \"Renew now\" "
                    + "meanwhile.";
            case "TIMEOUT" -> "check that the gateway answers the CA's validation quickly; certgate retries.";
            case "ACCOUNT" -> "save the ACME account again on the ACME page (agree to the CA's terms).";
            case "CONFIGURATION" -> "set up the ACME account (and the DNS-01 provider for DNS-01) on the ACME page.";
            default -> "read the server log around the failure time (CERTGATE-40xx) and report it.";
        };
    }

    private static void closeIfRaised(Set<String> raised, Set<String> closed, String... keys) {
        for (String key : keys) {
            if (raised.contains(key)) {
                closed.add(key);
            }
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
