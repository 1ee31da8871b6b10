package dev.certgate.acme;

import dev.certgate.acme.dns.Dns01Publisher;
import dev.certgate.acme.dns.Dns01Publishers;
import dev.certgate.acme.dns.DnsUpdateException;
import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;
import dev.certgate.api.PreflightCheck;
import dev.certgate.api.PreflightFinding;
import dev.certgate.api.PreflightReport;
import dev.certgate.core.preflight.PreflightFindings;
import dev.certgate.core.preflight.PreflightFindings.Dns01Probe;
import dev.certgate.core.preflight.PreflightFindings.NameLookup;
import dev.certgate.core.preflight.PreflightFindings.PortProbe;
import dev.certgate.gateway.ChallengeStore;
import dev.certgate.logging.CertgateLog;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.InvalidSettingException;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Runs the pre-flight check of one ACME domain (issue 16): the probes of {@link PreflightProbes}, with a probe
 * token and a probe TLS-ALPN-01 answer published in the gateway's {@link ChallengeStore} (so any node of the
 * installation answers them, as it answers the CA; like an order, the probe waits until every live node serves it)
 * and a probe TXT record through the DNS-01 provider, each
 * withdrawn before the answer; the results read into findings by the core's {@link PreflightFindings}. No
 * transaction: each publish and withdraw commits on its own, so the gateway sees the probe at once.
 */
@Stateless
@PermitAll // internal: the service bean checks the caller's role; the ACME runner calls it before a first order
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Preflight {

    /** How long a probe answer stays published at most, should a withdrawal be lost. */
    private static final Duration PROBE_LIFETIME = Duration.ofMinutes(2);
    /** How long the probe TXT record may take to be seen where the CA looks. */
    private static final Duration DNS_VISIBLE_TIMEOUT = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How long a probe waits, after publishing its answer, for every other live node's gateway to serve it (as an
     * order does): the name's address may lead to any node.
     */
    private static final Duration SERVED_EVERYWHERE_WITHIN = Duration.ofSeconds(5);

    @EJB
    private ChallengeStore challenges;

    @EJB
    private AcmeStore store;

    @EJB
    private Settings settings;

    /**
     * Checks {@code domain} for {@code challenge}.
     *
     * @param beforeOrder true when an order follows at once: the DNS-01 write is then left to the order, which
     *                    checks the same before the CA is asked
     * @throws InvalidSettingException when a pre-flight setting has a value that is not allowed
     */
    public PreflightReport run(HostName domain, ChallengeType challenge, boolean beforeOrder) {
        String name = domain.toString();
        boolean wildcard = domain.isWildcard();
        PreflightProbes probes = new PreflightProbes(settings.now(CertgateSettings.ACME_PREFLIGHT_RESOLVER)
                .orElse(null));
        List<PreflightFinding> findings = new ArrayList<>();
        NameLookup addresses = null;
        if (challenge != ChallengeType.DNS_01) { // DNS-01 needs no address: the CA reads a TXT record
            addresses = probes.addresses(name);
            findings.add(PreflightFindings.name(name, addresses));
        }
        findings.add(caa(probes, name, wildcard));
        switch (challenge) {
            case HTTP_01 -> findings.add(http01(domain, addresses));
            case TLS_ALPN_01 -> findings.add(tlsAlpn01(domain, addresses));
            case DNS_01 -> {
                if (!beforeOrder) {
                    findings.add(dns01(name));
                }
            }
            default -> throw new IllegalArgumentException("unknown challenge type " + challenge);
        }
        PreflightReport report = PreflightReport.of(name, challenge, findings, Instant.now());
        CertgateLog.acmePreflight(name, report.ready(), report.ready() ? "" : report.failures());
        return report;
    }

    private PreflightFinding caa(PreflightProbes probes, String name, boolean wildcard) {
        Optional<AcmeAccountView> account = store.accountView().filter(a -> a.directoryUrl() != null);
        Collection<String> identities = account.map(a -> caaIdentities(a.directoryUrl())).orElse(List.of());
        return PreflightFindings.caa(name, wildcard, probes.caa(name), identities,
                account.map(AcmeAccountView::directoryUrl).orElse(null));
    }

    /** The CA's CAA identities from its directory; empty when it names none or cannot be read. */
    private Collection<String> caaIdentities(String directoryUrl) {
        try {
            Session session = AcmeConnections.open(directoryUrl, settings.now(CertgateSettings.ACME_TRUST_FILE));
            return List.copyOf(session.getMetadata().getCaaIdentities());
        } catch (AcmeException | GeneralSecurityException | IOException | RuntimeException e) {
            CertgateLog.acmeCaRefused("Reading the CAA identities of " + directoryUrl + " for a pre-flight check", e);
            return List.of();
        }
    }

    private PreflightFinding http01(HostName domain, NameLookup addresses) {
        if (addresses.kind() != NameLookup.Kind.RESOLVED) {
            return PreflightFindings.skipped(PreflightCheck.HTTP_01, domain.toString());
        }
        int port = settings.now(CertgateSettings.ACME_PREFLIGHT_HTTP_PORT).orElseThrow();
        String token = random();
        String keyAuthorization = token + "." + random();
        long generation = challenges.publish(ChallengeType.HTTP_01, token, domain, keyAuthorization,
                Instant.now().plus(PROBE_LIFETIME));
        challenges.awaitServed(generation, SERVED_EVERYWHERE_WITHIN); // the name may lead to any node, as the CA's
        try {
            List<PortProbe> probes = addresses.addresses().stream().map(address -> PreflightProbes.http01(
                    domain.toString(), address, port, token, keyAuthorization)).toList();
            return PreflightFindings.http01(domain.toString(), probes, PreflightProbes.TIMEOUT);
        } finally {
            challenges.withdraw(token);
        }
    }

    private PreflightFinding tlsAlpn01(HostName domain, NameLookup addresses) {
        if (addresses.kind() != NameLookup.Kind.RESOLVED) {
            return PreflightFindings.skipped(PreflightCheck.TLS_ALPN_01, domain.toString());
        }
        int port = settings.now(CertgateSettings.ACME_PREFLIGHT_TLS_PORT).orElseThrow();
        String token = random();
        String keyAuthorization = token + "." + random();
        long generation = challenges.publish(ChallengeType.TLS_ALPN_01, token, domain, keyAuthorization,
                Instant.now().plus(PROBE_LIFETIME));
        challenges.awaitServed(generation, SERVED_EVERYWHERE_WITHIN);
        try {
            List<PortProbe> probes = addresses.addresses().stream().map(address -> PreflightProbes.tlsAlpn01(
                    domain.toString(), address, port, keyAuthorization)).toList();
            return PreflightFindings.tlsAlpn01(domain.toString(), probes, PreflightProbes.TIMEOUT);
        } finally {
            challenges.withdraw(token);
        }
    }

    private PreflightFinding dns01(String name) {
        String base = name.startsWith("*.") ? name.substring(2) : name;
        String record = "_acme-challenge." + base + ".";
        Optional<Dns01Publisher> publisher;
        try {
            publisher = Dns01Publishers.from(settings.live());
        } catch (DnsUpdateException e) {
            return PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.WRITE_FAILED, null,
                    e.getMessage()));
        }
        if (publisher.isEmpty()) {
            return PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.NOT_CONFIGURED, null, null));
        }
        Dns01Publisher dns = publisher.get();
        String value = random();
        try {
            dns.publish(record, value);
        } catch (DnsUpdateException e) {
            return PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.WRITE_FAILED, dns.describe(),
                    e.getMessage()));
        }
        try {
            dns.awaitVisible(record, value, DNS_VISIBLE_TIMEOUT);
            return PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.VISIBLE, dns.describe(), null));
        } catch (DnsUpdateException e) {
            return PreflightFindings.dns01(record, new Dns01Probe(Dns01Probe.Kind.NOT_VISIBLE, dns.describe(),
                    e.getMessage()));
        } finally {
            try {
                dns.remove(record, value);
            } catch (DnsUpdateException e) {
                CertgateLog.acmeCleanupFailed(name, e.getMessage());
            }
        }
    }

    /** 32 random bytes, base64url: a probe token (the CA's tokens look the same), never a secret. */
    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
