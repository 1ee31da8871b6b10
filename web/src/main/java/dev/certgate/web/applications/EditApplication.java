package dev.certgate.web.applications;

import dev.certgate.api.AcmeSettings;
import dev.certgate.api.ApplicationService;
import dev.certgate.api.ApplicationSpec;
import dev.certgate.api.ApplicationView;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateChoice;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.DomainSettings;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyType;
import dev.certgate.web.PageActions;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The application editor of applications.xhtml: name, backends, and per domain either a stored certificate (chosen
 * among those that cover the name: the coverage preview) or an ACME automatic certificate with its challenge and key
 * type, plus the HTTP→HTTPS redirect and HSTS switches. The service checks everything again on save.
 */
@Named
@ViewScoped
public class EditApplication implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int PREVIEW_LIMIT = 20;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    /** How a domain gets its certificate. */
    public static final String STORED = "CERTIFICATE";
    public static final String ACME = "ACME";

    @EJB
    private ApplicationService applications;

    @Inject
    private ApplicationList list;

    private boolean open;
    private String id;
    private long version;
    private String name;
    private String backends;
    private List<DomainRow> domains = new ArrayList<>();

    /** Opens the editor for a new application. */
    public void create() {
        open = true;
        id = null;
        version = 0;
        name = null;
        backends = null;
        domains = new ArrayList<>(List.of(new DomainRow()));
    }

    /** Opens the editor on {@code application} as the list shows it (its version is kept for the save). */
    public void edit(ApplicationView application) {
        open = true;
        id = application.id();
        version = application.version();
        name = application.name();
        backends = String.join("\n", application.backends());
        domains = new ArrayList<>();
        for (DomainSettings settings : application.domains()) {
            DomainRow row = new DomainRow();
            row.name = settings.name().toString();
            row.redirectHttps = settings.redirectHttps();
            row.hsts = settings.hsts();
            if (settings.acme() != null) {
                row.mode = ACME;
                row.challenge = settings.acme().challenge();
                row.keyType = settings.acme().keyType();
                row.profile = settings.acme().profile();
            } else {
                row.mode = STORED;
                row.certificateId = settings.certificateId();
            }
            preview(row);
            domains.add(row);
        }
    }

    public void cancel() {
        open = false;
    }

    public void addDomain() {
        domains.add(new DomainRow());
    }

    public void removeDomain(DomainRow row) {
        domains.remove(row);
    }

    /** The host name of {@code row} changed: preview the certificates that cover it; a wildcard needs DNS-01. */
    public void hostChanged(DomainRow row) {
        if (row.isWildcard()) {
            row.challenge = ChallengeType.DNS_01;
        }
        preview(row);
    }

    /** The way {@code row} gets its certificate changed. */
    public void modeChanged(DomainRow row) {
        if (row.isWildcard()) {
            row.challenge = ChallengeType.DNS_01;
        }
        preview(row);
    }

    private void preview(DomainRow row) {
        row.choices = List.of();
        row.coverageError = null;
        if (row.name == null || row.name.isBlank()) {
            return;
        }
        try {
            row.choices = applications.certificatesCovering(HostName.parse(row.name, "host", "host name"),
                    PREVIEW_LIMIT);
            Instant now = Instant.now();
            boolean chosenCovers = row.choices.stream().anyMatch(c -> c.id().equals(row.certificateId));
            if (!chosenCovers) {
                row.certificateId = row.choices.stream().filter(c -> !c.expiredAt(now)).map(CertificateChoice::id)
                        .findFirst().orElse(null);
            }
        } catch (CertgateException e) {
            row.coverageError = e.getMessage();
        } catch (EJBAccessException e) {
            row.coverageError = "Your role does not allow reading the stored certificates.";
        } catch (EJBException e) {
            dev.certgate.web.WebLog.pageActionFailed("previewing the certificates for a domain", e);
            row.coverageError = "The stored certificates could not be read; it has been logged.";
        }
    }

    public void save() {
        List<DomainSettings> settings = new ArrayList<>();
        for (DomainRow row : domains) {
            if (row.isBlank()) {
                continue; // an empty row the user added and left: not a domain
            }
            HostName host;
            try {
                host = HostName.parse(row.name, HostName.JSON_FIELD, "domain"); // as REST reads a domain
            } catch (InvalidInputException e) {
                PageActions.error(e.getMessage());
                return;
            }
            if (STORED.equals(row.mode) && (row.certificateId == null || row.certificateId.isBlank())) {
                PageActions.error("Choose a stored certificate for " + host + ", or choose \"ACME automatic "
                        + "certificate\". " + (row.choices.isEmpty()
                        ? "No stored certificate covers " + host + " yet: add one on the Certificates page." : ""));
                return;
            }
            settings.add(new DomainSettings(host, STORED.equals(row.mode) ? row.certificateId : null,
                    ACME.equals(row.mode) ? AcmeSettings.of(row.challenge, row.keyType,
                            row.profile) : null, row.redirectHttps,
                    row.hsts));
        }
        List<String> urls = backends == null ? List.of() : Arrays.stream(backends.split("[\\s,]+"))
                .filter(s -> !s.isBlank()).toList();
        ApplicationSpec spec = new ApplicationSpec(name, urls, settings);
        boolean saved = PageActions.run("saving an application", ApplicationList.REFUSAL, () -> {
            ApplicationView view = id == null ? applications.create(spec) : applications.update(id, version, spec);
            id = view.id();
            version = view.version();
            return "Saved the application " + view.name() + " with " + (view.domains().isEmpty() ? "no domain"
                    : "the domains " + String.join(", ", view.domains().stream().map(d -> d.name().toString()).toList()))
                    + ".";
        });
        if (saved) {
            open = false;
            list.reload();
        }
    }

    /** "HTTP-01" for HTTP_01; the default's for null. */
    static String challengeLabel(ChallengeType challenge) {
        return (challenge == null ? ChallengeType.DEFAULT : challenge).label();
    }

    /** The text of a certificate choice in the select. */
    public String choiceLabel(CertificateChoice choice) {
        boolean expired = choice.expiredAt(Instant.now());
        return choice.commonName() + " — " + (expired ? "EXPIRED " : "until ") + DAY.format(choice.notAfter())
                + " — " + choice.source().name().toLowerCase(Locale.ROOT).replace('_', ' ') + " — matches as "
                + choice.matchedBy();
    }

    public String names(CertificateChoice choice) {
        return String.join(", ", choice.names());
    }

    public boolean expired(CertificateChoice choice) {
        return choice.expiredAt(Instant.now());
    }

    public boolean isOpen() { return open; }
    public boolean isCreating() { return id == null; }
    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getBackends() { return backends; }
    public void setBackends(String backends) { this.backends = backends; }
    public List<DomainRow> getDomains() { return domains; }

    /** One domain in the editor. */
    public static class DomainRow implements Serializable {

        private static final long serialVersionUID = 1L;

        private String name;
        private String mode = ACME;
        private String certificateId;
        private ChallengeType challenge = ChallengeType.DEFAULT;
        private KeyType keyType = KeyType.DEFAULT;
        private String profile;
        private boolean redirectHttps = true;
        private boolean hsts;
        private List<CertificateChoice> choices = List.of();
        private String coverageError;

        boolean isBlank() {
            return (name == null || name.isBlank()) && certificateId == null;
        }

        public boolean isWildcard() {
            HostName.Reading reading = HostName.read(name);
            return reading.name() != null && reading.name().isWildcard();
        }

        public boolean isAcme() {
            return ACME.equals(mode);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getMode() { return mode; }
        public void setMode(String mode) { this.mode = mode; }
        public String getCertificateId() { return certificateId; }
        public void setCertificateId(String certificateId) { this.certificateId = certificateId; }
        public ChallengeType getChallenge() { return challenge; }
        public void setChallenge(ChallengeType challenge) { this.challenge = challenge; }
        public KeyType getKeyType() { return keyType; }
        public void setKeyType(KeyType keyType) { this.keyType = keyType; }
        /** The CA's certificate profile; null or blank for the account's default. */
        public String getProfile() { return profile; }
        public void setProfile(String profile) { this.profile = profile == null || profile.isBlank() ? null : profile; }
        public boolean isRedirectHttps() { return redirectHttps; }
        public void setRedirectHttps(boolean redirectHttps) { this.redirectHttps = redirectHttps; }
        public boolean isHsts() { return hsts; }
        public void setHsts(boolean hsts) { this.hsts = hsts; }
        public List<CertificateChoice> getChoices() { return choices; }
        public String getCoverageError() { return coverageError; }
    }
}
