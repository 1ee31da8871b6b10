package dev.certgate.core.preflight;

import dev.certgate.api.PreflightCheck;
import dev.certgate.api.PreflightFinding;
import dev.certgate.api.PreflightOutcome;
import dev.certgate.core.preflight.PreflightFindings.CaaLookup;
import dev.certgate.core.preflight.PreflightFindings.Dns01Probe;
import dev.certgate.core.preflight.PreflightFindings.NameLookup;
import dev.certgate.core.preflight.PreflightFindings.PortProbe;
import dev.certgate.core.preflight.PreflightFindings.PortProbe.Reach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreflightFindingsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final String CA = "https://acme-v02.api.letsencrypt.org/directory";

    private static void assertFinding(PreflightFinding finding, PreflightCheck check, PreflightOutcome outcome,
                                      String... parts) {
        assertEquals(check, finding.check(), finding.toString());
        assertEquals(outcome, finding.outcome(), finding.toString());
        for (String part : parts) {
            assertTrue(finding.message().contains(part), "'" + part + "' in: " + finding.message());
        }
    }

    @Test
    void theNameResolvesOrSaysWhatToCreate() {
        assertFinding(PreflightFindings.name("www.example.com", NameLookup.resolved(List.of("203.0.113.7",
                "2001:db8::7"))), PreflightCheck.NAME, PreflightOutcome.PASSED, "resolves to 203.0.113.7, 2001:db8::7");
        assertFinding(PreflightFindings.name("www.example.com", NameLookup.failed(NameLookup.Kind.NO_SUCH_NAME, "")),
                PreflightCheck.NAME, PreflightOutcome.FAILED, "does not exist in DNS (NXDOMAIN)", "create an A record");
        assertFinding(PreflightFindings.name("www.example.com", NameLookup.resolved(List.of())),
                PreflightCheck.NAME, PreflightOutcome.FAILED, "no A or AAAA record");
        assertFinding(PreflightFindings.name("www.example.com", NameLookup.failed(NameLookup.Kind.DNS_FAILED,
                        "the DNS server 192.0.2.53:53 answered SERVFAIL")), PreflightCheck.NAME,
                PreflightOutcome.FAILED, "does not resolve: the DNS server 192.0.2.53:53 answered SERVFAIL",
                "delegation");
    }

    @Test
    void anotherServerOnPort80IsNamedWithItsAddress() {
        PreflightFinding finding = PreflightFindings.http01("www.example.com", List.of(
                new PortProbe("203.0.113.7", 80, Reach.OTHER_SERVER, "HTTP 404, server nginx")), TIMEOUT);
        assertFinding(finding, PreflightCheck.HTTP_01, PreflightOutcome.FAILED,
                "Port 80 of 203.0.113.7 answers, but not from this gateway (HTTP 404, server nginx): is another "
                        + "server or a CDN in front?");
    }

    @Test
    void closedDroppedAndPartlyReachedPortsSayWhatToOpen() {
        assertFinding(PreflightFindings.http01("a.example", List.of(new PortProbe("203.0.113.7", 80, Reach.REFUSED,
                "")), TIMEOUT), PreflightCheck.HTTP_01, PreflightOutcome.FAILED, "Port 80 of 203.0.113.7 refuses "
                + "connections", "firewall, port forwarding");
        assertFinding(PreflightFindings.tlsAlpn01("a.example", List.of(new PortProbe("2001:db8::7", 443,
                Reach.TIMED_OUT, "")), TIMEOUT), PreflightCheck.TLS_ALPN_01, PreflightOutcome.FAILED,
                "Port 443 of 2001:db8::7 does not answer within 5 s");
        PreflightFinding partly = PreflightFindings.http01("a.example", List.of(
                new PortProbe("203.0.113.7", 80, Reach.THIS_GATEWAY, ""),
                new PortProbe("2001:db8::7", 80, Reach.REFUSED, "")), TIMEOUT);
        assertFinding(partly, PreflightCheck.HTTP_01, PreflightOutcome.FAILED, "Port 80 of 2001:db8::7 refuses",
                "203.0.113.7 reaches this gateway, the others must too");
        assertFinding(PreflightFindings.tlsAlpn01("a.example", List.of(new PortProbe("203.0.113.7", 443,
                Reach.OTHER_SERVER, "it serves CN=other, not the validation certificate")), TIMEOUT),
                PreflightCheck.TLS_ALPN_01, PreflightOutcome.FAILED, "TCP pass-through");
    }

    @Test
    void everyAddressReachingTheGatewayPasses() {
        assertFinding(PreflightFindings.http01("a.example", List.of(
                new PortProbe("203.0.113.7", 80, Reach.THIS_GATEWAY, ""),
                new PortProbe("2001:db8::7", 80, Reach.THIS_GATEWAY, "")), TIMEOUT), PreflightCheck.HTTP_01,
                PreflightOutcome.PASSED, "reaches this gateway at 203.0.113.7, 2001:db8::7 (port 80)");
        assertFinding(PreflightFindings.http01("a.example", List.of(), TIMEOUT), PreflightCheck.HTTP_01,
                PreflightOutcome.SKIPPED, "must resolve first");
    }

    @Test
    void caaNamesTheRecordAndTheFix() {
        CaaLookup sectigo = CaaLookup.found("example.com", List.of(new Caa.Record(0, "issue", "sectigo.com")));
        assertFinding(PreflightFindings.caa("www.example.com", false, sectigo, List.of("letsencrypt.org"), CA),
                PreflightCheck.CAA, PreflightOutcome.FAILED, "at example.com (which applies to www.example.com) permit "
                        + "only sectigo.com", "add a CAA issue record for \"letsencrypt.org\"");
        CaaLookup none = CaaLookup.found("example.com", List.of(new Caa.Record(0, "issue", ";")));
        assertFinding(PreflightFindings.caa("example.com", false, none, List.of(), CA), PreflightCheck.CAA,
                PreflightOutcome.FAILED, "forbid every CA to issue");
        assertFinding(PreflightFindings.caa("example.com", false, CaaLookup.none(), List.of("letsencrypt.org"), CA),
                PreflightCheck.CAA, PreflightOutcome.PASSED, "every CA may issue");
        assertFinding(PreflightFindings.caa("example.com", false, CaaLookup.found("example.com", List.of(
                        new Caa.Record(0, "issue", "letsencrypt.org"))), List.of("letsencrypt.org"), CA),
                PreflightCheck.CAA, PreflightOutcome.PASSED, "permit the account's CA (letsencrypt.org)");
        assertFinding(PreflightFindings.caa("example.com", false, CaaLookup.found("example.com", List.of(
                        new Caa.Record(0, "issue", "letsencrypt.org"))), List.of(), "https://127.0.0.1:14000/dir"),
                PreflightCheck.CAA, PreflightOutcome.WARNING, "names no CAA identity");
        CaaLookup wild = CaaLookup.found("example.com", List.of(new Caa.Record(0, "issue", "letsencrypt.org"),
                new Caa.Record(0, "issuewild", ";")));
        assertFinding(PreflightFindings.caa("*.example.com", true, wild, List.of("letsencrypt.org"), CA),
                PreflightCheck.CAA, PreflightOutcome.FAILED, "issuewild");
        assertFinding(PreflightFindings.caa("example.com", false, CaaLookup.failed("SERVFAIL"), List.of(), CA),
                PreflightCheck.CAA, PreflightOutcome.FAILED, "cannot be read: SERVFAIL");
    }

    @Test
    void dns01SaysWhichStepFailed() {
        String record = "_acme-challenge.example.com.";
        assertFinding(PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.NOT_CONFIGURED, null, null)),
                PreflightCheck.DNS_01, PreflightOutcome.FAILED, "certgate.acme.dns.provider");
        assertFinding(PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.WRITE_FAILED,
                        "RFC 2136 at 192.0.2.53:53", "The server refused the update (NOTAUTH).")), PreflightCheck.DNS_01,
                PreflightOutcome.FAILED, "could not write", "NOTAUTH", "its key");
        assertFinding(PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.NOT_VISIBLE, "RFC 2136",
                "it is not visible at 192.0.2.54:53 after 30 s.")), PreflightCheck.DNS_01, PreflightOutcome.FAILED,
                "not visible at 192.0.2.54:53", "zone transfers");
        assertFinding(PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.VISIBLE, "RFC 2136", "")),
                PreflightCheck.DNS_01, PreflightOutcome.PASSED, "removed it");
    }
}
