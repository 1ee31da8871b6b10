package dev.certgate.core.preflight;

import dev.certgate.api.PreflightCheck;
import dev.certgate.api.PreflightFinding;
import dev.certgate.api.PreflightOutcome;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Reads what the pre-flight probes found into findings in plain words, each failure with its likely fix. One method
 * per {@link PreflightCheck}; the inputs are the probes' raw results, so that every message can be tested without a
 * network.
 */
public final class PreflightFindings {

    private PreflightFindings() {
    }

    /** The A/AAAA lookup of a name. */
    public record NameLookup(Kind kind, List<String> addresses, String detail) {
        /** How the lookup ended. */
        public enum Kind {
            /** One address or more. */
            RESOLVED,
            /** The name does not exist (NXDOMAIN). */
            NO_SUCH_NAME,
            /** The name exists with no A and no AAAA record. */
            NO_ADDRESS,
            /** The resolver failed (SERVFAIL, REFUSED, no answer): {@code detail} says how. */
            DNS_FAILED
        }

        public NameLookup {
            Objects.requireNonNull(kind, "kind");
            addresses = List.copyOf(addresses);
            detail = detail == null ? "" : detail;
        }

        public static NameLookup resolved(List<String> addresses) {
            return new NameLookup(addresses.isEmpty() ? Kind.NO_ADDRESS : Kind.RESOLVED, addresses, "");
        }

        public static NameLookup failed(Kind kind, String detail) {
            return new NameLookup(kind, List.of(), detail);
        }
    }

    /**
     * The CAA lookup of a name: the relevant record set and the name it was found at (null when none was found), or
     * the failure (a CA treats a failed CAA lookup as a refusal).
     */
    public record CaaLookup(String foundAt, List<Caa.Record> records, String failure) {
        public CaaLookup {
            records = List.copyOf(records);
        }

        public static CaaLookup none() {
            return new CaaLookup(null, List.of(), null);
        }

        public static CaaLookup found(String at, List<Caa.Record> records) {
            return new CaaLookup(Objects.requireNonNull(at, "at"), records, null);
        }

        public static CaaLookup failed(String failure) {
            return new CaaLookup(null, List.of(), Objects.requireNonNull(failure, "failure"));
        }
    }

    /** What answered on one address and port, probed as the CA would. */
    public record PortProbe(String address, int port, Reach reach, String detail) {
        /** How the probe ended. */
        public enum Reach {
            /** This installation answered with the probe (the token, the validation certificate). */
            THIS_GATEWAY,
            /** Something answered, not with the probe: {@code detail} says what (status, server, certificate). */
            OTHER_SERVER,
            /** The connection was refused. */
            REFUSED,
            /** No answer in time (a firewall that drops). */
            TIMED_OUT,
            /** Another failure: {@code detail} says which (no route, a reset, a TLS alert). */
            FAILED
        }

        public PortProbe {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reach, "reach");
            detail = detail == null ? "" : detail;
        }
    }

    /** The DNS-01 probe: a TXT record written with certgate's DNS provider, and looked for. */
    public record Dns01Probe(Kind kind, String provider, String detail) {
        /** How it ended. */
        public enum Kind {
            /** No DNS provider is configured. */
            NOT_CONFIGURED,
            /** The provider's configuration is wrong, or it refused the write: {@code detail} says why. */
            WRITE_FAILED,
            /** Written, but not seen in time where the CA will look. */
            NOT_VISIBLE,
            /** Written and seen. */
            VISIBLE
        }

        public Dns01Probe {
            Objects.requireNonNull(kind, "kind");
            provider = provider == null ? "" : provider;
            detail = detail == null ? "" : detail;
        }
    }

    /** The finding of the A/AAAA lookup of {@code name}. */
    public static PreflightFinding name(String name, NameLookup lookup) {
        return switch (lookup.kind()) {
            case RESOLVED -> finding(PreflightCheck.NAME, PreflightOutcome.PASSED, name + " resolves to "
                    + String.join(", ", lookup.addresses()) + ".");
            case NO_SUCH_NAME -> finding(PreflightCheck.NAME, PreflightOutcome.FAILED, name + " does not exist in "
                    + "DNS (NXDOMAIN): create an A record (and an AAAA record for IPv6) for it that points at this "
                    + "gateway's public address.");
            case NO_ADDRESS -> finding(PreflightCheck.NAME, PreflightOutcome.FAILED, name + " exists in DNS but has "
                    + "no A or AAAA record: add one that points at this gateway's public address.");
            case DNS_FAILED -> finding(PreflightCheck.NAME, PreflightOutcome.FAILED, name + " does not resolve: "
                    + lookup.detail() + ". The CA's resolvers will fail the same way: check that the zone's name "
                    + "servers answer for it (delegation, DNSSEC signatures).");
        };
    }

    /**
     * The finding of the CAA lookup of {@code name} for the account's CA.
     *
     * @param caIdentities the CA's CAA identities from its directory (empty when it names none)
     * @param ca           how to call the CA in a message (its directory URL); null when no account is configured
     */
    public static PreflightFinding caa(String name, boolean wildcard, CaaLookup lookup,
                                       Collection<String> caIdentities, String ca) {
        if (lookup.failure() != null) {
            return finding(PreflightCheck.CAA, PreflightOutcome.FAILED, "The CAA records of " + name + " cannot be "
                    + "read: " + lookup.failure() + ". A CA refuses to issue when its CAA lookup fails: check that "
                    + "the zone's name servers answer CAA queries (some old servers refuse the record type).");
        }
        if (lookup.foundAt() == null) {
            return finding(PreflightCheck.CAA, PreflightOutcome.PASSED, "No CAA record applies to " + name
                    + ": every CA may issue for it.");
        }
        String where = lookup.foundAt().equals(name) ? "at " + name : "at " + lookup.foundAt() + " (which applies "
                + "to " + name + ")";
        List<String> issuers = Caa.permittedIssuers(lookup.records(), wildcard);
        String kind = wildcard && !Caa.governing(lookup.records(), true).equals(
                Caa.governing(lookup.records(), false)) ? "issuewild" : "issue";
        if (ca == null) {
            return finding(PreflightCheck.CAA, PreflightOutcome.WARNING, "The CAA records " + where + " permit "
                    + describe(issuers) + "; no ACME account is configured yet, so certgate cannot tell whether "
                    + "they permit its CA.");
        }
        return switch (Caa.verdict(lookup.records(), wildcard, caIdentities)) {
            case UNRESTRICTED -> finding(PreflightCheck.CAA, PreflightOutcome.PASSED, "The CAA records " + where
                    + " do not restrict which CA issues for " + (wildcard ? "a wildcard" : "it") + ".");
            case PERMITTED -> finding(PreflightCheck.CAA, PreflightOutcome.PASSED, "The CAA records " + where
                    + " permit the account's CA (" + String.join(", ", caIdentities) + ").");
            case FORBIDDEN -> finding(PreflightCheck.CAA, PreflightOutcome.FAILED, forbidden(lookup, where, issuers,
                    kind, caIdentities, ca));
            case UNKNOWN_CA -> finding(PreflightCheck.CAA, PreflightOutcome.WARNING, "The CAA records " + where
                    + " permit " + describe(issuers) + ", and the CA at " + ca + " names no CAA identity in its "
                    + "directory, so certgate cannot tell whether it is one of them. If it is not, add a CAA "
                    + kind + " record for it " + where + ".");
        };
    }

    private static String forbidden(CaaLookup lookup, String where, List<String> issuers, String kind,
                                    Collection<String> caIdentities, String ca) {
        var critical = Caa.criticalUnknown(lookup.records());
        if (critical.isPresent()) {
            return "The CAA record " + critical.get() + " " + where + " is flagged critical and has a tag no CA "
                    + "knows, so no CA may issue: remove it or clear its critical flag.";
        }
        String wanted = caIdentities.isEmpty() ? "the CA's identity" : "\"" + caIdentities.iterator().next() + "\"";
        if (issuers.isEmpty()) {
            return "The CAA records " + where + " forbid every CA to issue (" + kind + " \";\"): replace them with "
                    + "a CAA " + kind + " record for " + wanted + " (the CA at " + ca + ").";
        }
        return "The CAA records " + where + " permit only " + describe(issuers) + ", not the account's CA (" + ca
                + ", CAA identity " + String.join(", ", caIdentities) + "): add a CAA " + kind + " record for "
                + wanted + " " + where + ".";
    }

    private static String describe(List<String> issuers) {
        return issuers.isEmpty() ? "no CA" : issuers.stream().collect(Collectors.joining(", "));
    }

    /** The finding when the name must resolve first and does not. */
    public static PreflightFinding skipped(PreflightCheck check, String name) {
        return finding(check, PreflightOutcome.SKIPPED, "Not tried: " + name + " must resolve first.");
    }

    /**
     * The finding of the HTTP-01 probes: one per address of the name, on the port the CA uses.
     *
     * @param timeout how long each probe waited (for the message of one that timed out)
     */
    public static PreflightFinding http01(String name, List<PortProbe> probes, Duration timeout) {
        return reach(PreflightCheck.HTTP_01, name, probes, timeout,
                "HTTP-01: http://" + name + "/.well-known/acme-challenge/ reaches this gateway",
                "is another server or a CDN in front?",
                "open it to this gateway (firewall, port forwarding), or choose TLS-ALPN-01 or DNS-01.");
    }

    /** The finding of the TLS-ALPN-01 probes: one per address of the name, on the port the CA uses. */
    public static PreflightFinding tlsAlpn01(String name, List<PortProbe> probes, Duration timeout) {
        return reach(PreflightCheck.TLS_ALPN_01, name, probes, timeout,
                "TLS-ALPN-01: a validation certificate for " + name + " is served by this gateway",
                "is another server, a load balancer that ends TLS, or a CDN in front? TLS-ALPN-01 needs the "
                        + "connection to reach this gateway unchanged (TCP pass-through).",
                "open it to this gateway (firewall, port forwarding), or choose HTTP-01 or DNS-01.");
    }

    private static PreflightFinding reach(PreflightCheck check, String name, List<PortProbe> probes,
                                          Duration timeout, String passed, String otherFix, String closedFix) {
        if (probes.isEmpty()) {
            return skipped(check, name);
        }
        List<String> problems = new ArrayList<>();
        List<String> reached = new ArrayList<>();
        for (PortProbe probe : probes) {
            String port = "Port " + probe.port() + " of " + probe.address();
            switch (probe.reach()) {
                case THIS_GATEWAY -> reached.add(probe.address());
                case OTHER_SERVER -> problems.add(port + " answers, but not from this gateway (" + probe.detail()
                        + "): " + otherFix);
                case REFUSED -> problems.add(port + " refuses connections: " + closedFix);
                case TIMED_OUT -> problems.add(port + " does not answer within " + timeout.toSeconds() + " s (a "
                        + "firewall that drops?): " + closedFix);
                case FAILED -> problems.add(port + " cannot be reached (" + probe.detail() + "): " + closedFix);
            }
        }
        if (problems.isEmpty()) {
            return finding(check, PreflightOutcome.PASSED, passed + " at " + String.join(", ", reached) + " (port "
                    + probes.get(0).port() + ").");
        }
        String some = reached.isEmpty() ? "" : " The CA may use any address of the name: " + String.join(", ",
                reached) + " reach" + (reached.size() == 1 ? "es" : "") + " this gateway, the others must too (or "
                + "remove their records).";
        return finding(check, PreflightOutcome.FAILED, String.join(" ", problems) + some);
    }

    /** The finding of the DNS-01 probe at {@code recordName}. */
    public static PreflightFinding dns01(String recordName, Dns01Probe probe) {
        return switch (probe.kind()) {
            case NOT_CONFIGURED -> finding(PreflightCheck.DNS_01, PreflightOutcome.FAILED, "DNS-01 needs a DNS "
                    + "provider and none is configured: set the system property certgate.acme.dns.provider and "
                    + "its settings (docs/configuration.md).");
            case WRITE_FAILED -> finding(PreflightCheck.DNS_01, PreflightOutcome.FAILED, "certgate could not write "
                    + "the TXT record " + recordName + (probe.provider().isEmpty() ? "" : " with "
                    + probe.provider()) + ": " + probe.detail() + " Check the provider's settings, its key and "
                    + "that it may update this zone.");
            case NOT_VISIBLE -> finding(PreflightCheck.DNS_01, PreflightOutcome.FAILED, "certgate wrote the TXT "
                    + "record " + recordName + (probe.provider().isEmpty() ? "" : " with " + probe.provider())
                    + ", but " + probe.detail() + " Check that the zone's other name servers receive its changes "
                    + "(NOTIFY, zone transfers) and that the record's name is in the zone certgate updates.");
            case VISIBLE -> finding(PreflightCheck.DNS_01, PreflightOutcome.PASSED, "certgate wrote the TXT record "
                    + recordName + (probe.provider().isEmpty() ? "" : " with " + probe.provider()) + ", saw it "
                    + "where the CA will look, and removed it.");
        };
    }

    private static PreflightFinding finding(PreflightCheck check, PreflightOutcome outcome, String message) {
        return new PreflightFinding(check, outcome, message);
    }
}
