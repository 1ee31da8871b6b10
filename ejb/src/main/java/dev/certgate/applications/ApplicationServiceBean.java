package dev.certgate.applications;

import dev.certgate.api.AcmeSettings;
import dev.certgate.api.ApplicationNotFoundException;
import dev.certgate.api.ApplicationService;
import dev.certgate.api.ApplicationSpec;
import dev.certgate.api.ApplicationView;
import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateChoice;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.ConcurrentChangeException;
import dev.certgate.api.DomainInUseException;
import dev.certgate.api.DomainSettings;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyType;
import dev.certgate.api.Roles;
import dev.certgate.applications.model.Application;
import dev.certgate.applications.model.DomainBinding;
import dev.certgate.audit.AuditLog;
import dev.certgate.certificates.CertificateDirectory;
import dev.certgate.core.proxy.BackendTargets;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Keeps applications and their domains. Everything is checked before anything is written: host names (normalised to
 * punycode, lower case), backend URLs, one binding per domain (a certificate that exists and covers the name, or
 * ACME with a challenge that can prove it), one application per domain.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class ApplicationServiceBean implements ApplicationService {

    private static final Set<KeyType> ACME_KEY_TYPES = EnumSet.of(KeyType.EC_P256, KeyType.RSA_2048);

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private AuditLog audit;

    @Inject
    private Event<ApplicationsChanged> changed;

    @EJB
    private CertificateDirectory certificates;

    @EJB
    private DomainDirectory domains;

    @EJB
    private Settings settings;

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<ApplicationView> list() {
        return em.createNamedQuery(Application.ALL_BY_NAME, Application.class).getResultStream()
                .map(ApplicationServiceBean::view).toList();
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public ApplicationView get(String id) throws CertgateException {
        return view(find(id));
    }

    @Override
    public ApplicationView create(ApplicationSpec spec) throws CertgateException {
        String id = UUID.randomUUID().toString();
        Checked checked = check(spec, null);
        Application application = new Application(id, checked.name(), checked.backends(), checked.domains(),
                audit.actor(), Instant.now());
        em.persist(application);
        em.flush();
        audit.record(AuditAction.APPLICATION_CREATE, id, "Created the application " + checked.name() + " with domains "
                + names(checked.domains()) + " and backends " + checked.backends() + ".");
        changed.fire(new ApplicationsChanged(id));
        return view(application);
    }

    @Override
    public ApplicationView update(String id, long version, ApplicationSpec spec) throws CertgateException {
        Application application = find(id);
        if (application.version() != version) {
            throw new ConcurrentChangeException("The application " + application.name());
        }
        Checked checked = check(spec, id);
        application.redefine(checked.name(), checked.backends(), checked.domains(), audit.actor(), Instant.now());
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw new ConcurrentChangeException("The application " + application.name());
        }
        audit.record(AuditAction.APPLICATION_UPDATE, id, "Changed the application " + checked.name() + ": domains "
                + names(checked.domains()) + ", backends " + checked.backends() + ".");
        changed.fire(new ApplicationsChanged(id));
        return view(application);
    }

    @Override
    public void delete(String id) throws CertgateException {
        Application application = find(id);
        em.remove(application);
        audit.record(AuditAction.APPLICATION_DELETE, id, "Deleted the application " + application.name()
                + " and its domains "
                + names(application.domains()) + ".");
        changed.fire(new ApplicationsChanged(id));
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public List<CertificateChoice> certificatesCovering(HostName host, int limit) throws CertgateException {
        if (limit < 1 || limit > 100) {
            throw new InvalidInputException("limit", "The limit must be from 1 to 100, not " + limit + ".");
        }
        if (host == null) {
            throw new InvalidInputException("host", HostName.Problem.EMPTY.message("host name", ""));
        }
        // the names HostName.isCoveredBy tries, which binding a domain checks and the gateway serves by
        return certificates.covering(host.toString(), host.coveringNames(), limit);
    }

    private record Checked(String name, List<String> backends, List<DomainBinding> domains) {
    }

    private Checked check(ApplicationSpec spec, String selfId) throws CertgateException {
        if (spec == null || spec.name() == null || spec.name().isBlank()) {
            throw new InvalidInputException("name", "The application name is required.");
        }
        String name = spec.name().strip();
        if (name.length() > 255) {
            throw new InvalidInputException("name", "The application name is longer than 255 characters.");
        }
        for (Application other : em.createNamedQuery(Application.BY_NAME, Application.class)
                .setParameter("name", name.toLowerCase(Locale.ROOT)).getResultList()) {
            if (!other.id().equals(selfId)) {
                throw new InvalidInputException("name", "An application named " + other.name() + " exists already. "
                        + "Choose another name.");
            }
        }
        if (spec.backends().isEmpty()) {
            throw new InvalidInputException("backends", "Add at least one backend URL, such as "
                    + "http://10.0.0.5:9000.");
        }
        List<String> backends = new ArrayList<>();
        for (String backend : spec.backends()) {
            backends.add(backend(backend));
        }
        List<DomainBinding> domains = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (DomainSettings domain : spec.domains()) {
            DomainBinding binding = domain(domain);
            if (!seen.add(binding.name())) {
                throw new InvalidInputException("domains", "The domain " + binding.name() + " is listed twice.");
            }
            for (Application owner : em.createNamedQuery(Application.OWNER_OF_DOMAIN, Application.class)
                    .setParameter("domain", binding.name()).getResultList()) {
                if (!owner.id().equals(selfId)) {
                    throw new DomainInUseException(binding.name(), owner.name());
                }
            }
            domains.add(binding);
        }
        return new Checked(name, List.copyOf(backends), List.copyOf(domains));
    }

    private String backend(String text) throws InvalidInputException {
        String checked = backendUrl(text);
        URI uri = URI.create(checked);
        int port = uri.getPort() >= 0 ? uri.getPort() : checked.startsWith("https:") ? 443 : 80;
        String host = uri.getHost();
        List<InetAddress> addresses = new ArrayList<>();
        try {
            // A literal is itself; a name as it resolves now (a name that does not resolve is judged by itself: the
            // proxy cannot reach it either). Resolved again by the proxy at connect time: see docs/hardening.md.
            addresses.addAll(List.of(InetAddress.getAllByName(host)));
        } catch (UnknownHostException e) {
            // nothing to judge but the name
        }
        BackendTargets.Allowed allowed = new BackendTargets.Allowed(
                "true".equals(settings.now(CertgateSettings.GATEWAY_BACKENDS_ALLOW_LOCAL).orElse("false")),
                "true".equals(settings.now(CertgateSettings.GATEWAY_BACKENDS_ALLOW_OWN_PORTS).orElse("false")));
        Optional<String> refusal = BackendTargets.refusal(text.strip(), host, port, addresses, thisServer(), allowed,
                CertgateSettings.GATEWAY_BACKENDS_ALLOW_LOCAL.name(),
                CertgateSettings.GATEWAY_BACKENDS_ALLOW_OWN_PORTS.name());
        if (refusal.isPresent()) {
            throw new InvalidInputException("backends", refusal.get());
        }
        return checked;
    }

    /**
     * This server as a backend would reach it: WildFly's HTTP, HTTPS and management ports and the gateway's
     * ({@link CertgateSettings#serverPorts()}), and every address of this machine's interfaces.
     */
    private BackendTargets.Server thisServer() {
        Set<Integer> ports = settings.current().serverPorts();
        Set<InetAddress> addresses = new HashSet<>();
        try {
            NetworkInterface.networkInterfaces().forEach(nic -> nic.inetAddresses().forEach(addresses::add));
        } catch (SocketException e) {
            // no interface list: loopback and the unspecified address are still recognised by themselves
        }
        return new BackendTargets.Server(ports, addresses);
    }

    private static String backendUrl(String text) throws InvalidInputException {
        String hint = " Write it as http://host:port or https://host:port, for example http://10.0.0.5:9000.";
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("backends", "A backend URL is empty." + hint);
        }
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || !bare
                    || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
                throw new InvalidInputException("backends", "The backend " + text + " is not a backend URL." + hint);
            }
            return scheme + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("backends", "The backend " + text + " is not a URL." + hint, e);
        }
    }

    private DomainBinding domain(DomainSettings settings) throws CertgateException {
        if (settings == null) {
            throw new InvalidInputException("domains", "A domain is empty.");
        }
        if (settings.name() == null) {
            throw new InvalidInputException("domains", HostName.Problem.EMPTY.message("domain", ""));
        }
        String name = settings.name().toString();
        boolean hasCertificate = settings.certificateId() != null && !settings.certificateId().isBlank();
        if (hasCertificate == (settings.acme() != null)) {
            throw new InvalidInputException("domains", "The domain " + name + " needs either a stored certificate "
                    + "(certificateId) or an ACME automatic certificate (acme), " + (hasCertificate ? "not both."
                    : "and has neither."));
        }
        if (hasCertificate) {
            CertificateDirectory.Stored certificate = certificates.find(settings.certificateId().strip())
                    .orElseThrow(() -> new InvalidInputException("domains", "The domain " + name + " is bound to the "
                            + "certificate " + settings.certificateId() + ", which does not exist."));
            if (!settings.name().isCoveredBy(certificate.names())) {
                throw new InvalidInputException("domains", "The certificate for " + certificate.commonName()
                        + " (" + String.join(", ", certificate.names()) + ") does not cover the domain " + name
                        + ". Choose a certificate issued for it.");
            }
            return DomainBinding.withCertificate(name, certificate.id(), settings.redirectHttps(), settings.hsts());
        }
        AcmeSettings acme = settings.acme();
        ChallengeType challenge = acme.challenge() == null ? ChallengeType.DEFAULT : acme.challenge();
        if (settings.name().isWildcard() && challenge != ChallengeType.DNS_01) {
            throw new InvalidInputException("domains", "The wildcard domain " + name + " can only be proved with the "
                    + "DNS_01 challenge.");
        }
        KeyType keyType = acme.keyType() == null ? KeyType.DEFAULT : acme.keyType();
        if (!ACME_KEY_TYPES.contains(keyType)) {
            throw new InvalidInputException("domains", "The ACME key type of " + name + " must be EC_P256 or "
                    + "RSA_2048, not " + acme.keyType() + ".");
        }
        String profile = acme.profile() == null || acme.profile().isBlank() ? null : acme.profile().strip();
        if (profile != null && !AcmeSettings.PROFILE_NAME.matcher(profile).matches()) {
            throw new InvalidInputException("domains", "The ACME profile of " + name + " must be a profile name "
                    + "the CA lists (letters, digits, '.', '_', '-'; at most 64), not '" + acme.profile() + "'.");
        }
        // The certificate ACME obtained for this name stays bound (and served) across edits of the application.
        String acmeCertificate = domains.acmeCertificateOf(name).orElse(null);
        if (acmeCertificate == null && acme.adoptCertificateId() != null && !acme.adoptCertificateId().isBlank()) {
            acmeCertificate = adoptable(name, acme.adoptCertificateId().strip());
        }
        return DomainBinding.withAcme(name, challenge.name(), keyType.name(), profile, acmeCertificate,
                settings.redirectHttps(),
                settings.hsts());
    }

    /**
     * The certificate an ACME domain starts with instead of a first order (a migration adopting what another ACME
     * client obtained): it must exist, come from ACME, cover the name and not have expired.
     */
    private String adoptable(String name, String certificateId) throws InvalidInputException {
        CertificateDirectory.Stored certificate = certificates.find(certificateId)
                .orElseThrow(() -> new InvalidInputException("domains", "The domain " + name + " is to adopt the "
                        + "certificate " + certificateId + ", which does not exist."));
        if (certificate.source() != dev.certgate.api.CertificateSource.ACME) {
            throw new InvalidInputException("domains", "The certificate for " + certificate.commonName() + " was "
                    + "not obtained by ACME, so the domain " + name + " cannot adopt it; bind it as a stored "
                    + "certificate instead.");
        }
        if (!HostName.covers(certificate.names(), name)) {
            throw new InvalidInputException("domains", "The certificate for " + certificate.commonName()
                    + " (" + String.join(", ", certificate.names()) + ") does not cover the domain " + name + ".");
        }
        if (!certificate.notAfter().isAfter(Instant.now())) {
            throw new InvalidInputException("domains", "The certificate for " + certificate.commonName()
                    + " has expired; the domain " + name + " cannot adopt it (leave it out: a new one is ordered).");
        }
        return certificate.id();
    }

    private Application find(String id) throws ApplicationNotFoundException {
        Application application = id == null ? null : em.find(Application.class, id);
        if (application == null) {
            throw new ApplicationNotFoundException(String.valueOf(id));
        }
        return application;
    }

    private static List<String> names(List<DomainBinding> domains) {
        return domains.stream().map(DomainBinding::name).toList();
    }

    static ApplicationView view(Application a) {
        return new ApplicationView(a.id(), a.name(), a.backends(), a.domains().stream()
                .map(d -> new DomainSettings(HostName.of(d.name()), d.usesAcme() ? null : d.certificateId(),
                        d.acmeChallenge() == null ? null : AcmeSettings.of(ChallengeType.valueOf(d.acmeChallenge()),
                                KeyType.valueOf(d.acmeKeyType()), d.acmeProfile()),
                        d.redirectHttps(), d.hsts()))
                .toList(), a.version());
    }
}
