package dev.certgate.migration;

import dev.certgate.api.ImportFile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Janusec Application Gateway: its PostgreSQL database ({@link JanusecDatabase}) and, for its automatic
 * certificates, the ACME cache in its installation directory ({@code certs/}, one file per domain holding the key and
 * the chain, as Go's autocert writes it). Each stored certificate is imported as an uploaded one with its key opened
 * the way Janusec sealed it; each application becomes {@code janusec-<name>} with its reverse-proxy destinations as
 * backends ({@code internal_scheme://destination}) and its domains: bound to their certificate, or, for a domain on
 * Janusec's automatic certificate, an ACME domain (HTTP-01, DNS-01 for a wildcard) adopting the cached certificate
 * when the cache holds it, else ordered by certgate. Redirect-only domains, and destinations that are not reverse
 * proxies (FastCGI, static files, Kubernetes), are listed and left out.
 */
public final class Janusec {

    /** Janusec's route type of a reverse-proxy destination ({@code models.ReverseProxyRoute}). */
    static final long REVERSE_PROXY = 1;

    private Janusec() {
    }

    /**
     * Reads a Janusec installation.
     *
     * @param database its database
     * @param home     its installation directory ({@code /usr/local/janusec}), whose {@code certs/} is the ACME cache;
     *                 it may have none
     * @throws MigrationException when {@code home} is no directory, or the database cannot be read or is not Janusec's
     */
    public static MigrationPlan read(JanusecDatabase database, Path home) throws MigrationException {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(home, "home");
        if (!Files.isDirectory(home)) {
            throw new MigrationException(home + " is not a directory: give Janusec's installation directory "
                    + "(/usr/local/janusec), where its certs/ cache of automatic certificates is.");
        }
        JanusecDatabase.Rows rows = database.read();
        List<ImportFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Long, String> chainFileById = new HashMap<>();
        for (JanusecDatabase.CertificateRow row : rows.certificates()) {
            String where = "certificates/" + row.id();
            String origin = "janusec certificate " + row.id() + " (" + row.commonName() + ")";
            files.add(new ImportFile(where + "/" + row.commonName() + ".crt",
                    row.certificatePem().getBytes(StandardCharsets.UTF_8), origin, false));
            files.add(new ImportFile(where + "/" + row.commonName() + ".key", row.privateKeyPem(), origin, false));
            chainFileById.put(row.id(), where + "/" + row.commonName() + ".crt");
        }
        for (JanusecDatabase.SealedCertificate sealed : rows.sealed()) {
            notes.add("certificate " + sealed.id() + " (" + sealed.commonName() + "): " + sealed.why() + "; left out.");
        }
        if (!rows.certificates().isEmpty()) {
            notes.add(rows.certificates().size() + " certificate(s) with their private keys opened as Janusec sealed "
                    + "them; imported as uploaded certificates.");
        }

        Path cache = home.resolve("certs");
        List<MigrationPlan.PlannedApplication> applications = new ArrayList<>();
        for (JanusecDatabase.ApplicationRow app : rows.applications()) {
            String label = "application " + app.id() + " (" + app.name() + ")";
            List<String> backends = new ArrayList<>();
            for (JanusecDatabase.DestinationRow destination : rows.destinations()) {
                if (destination.appId() != app.id()) {
                    continue;
                }
                if (destination.routeType() != REVERSE_PROXY) {
                    notes.add(label + ": a destination of route type " + destination.routeType() + " (not a reverse "
                            + "proxy: FastCGI, static files or Kubernetes) is left out.");
                    continue;
                }
                if (destination.requestRoute() != null && !destination.requestRoute().strip().equals("/")) {
                    notes.add(label + ": the destination " + destination.destination() + " of the route "
                            + destination.requestRoute() + " is left out (certgate proxies a whole host).");
                    continue;
                }
                String scheme = app.internalScheme() == null || app.internalScheme().isBlank() ? "http"
                        : app.internalScheme().strip().toLowerCase(Locale.ROOT);
                backends.add(scheme + "://" + destination.destination().strip());
            }
            List<MigrationPlan.PlannedDomain> domains = new ArrayList<>();
            for (JanusecDatabase.DomainRow domain : rows.domains()) {
                if (domain.appId() != app.id()) {
                    continue;
                }
                String name = domain.name().strip().toLowerCase(Locale.ROOT);
                if (domain.redirect()) {
                    notes.add(label + ": the domain " + name + " only redirects to " + domain.location()
                            + "; left out.");
                    continue;
                }
                if (domain.certId() == 0) {
                    Path cached = cache.resolve(name);
                    String file = null;
                    if (!name.contains("/") && Files.isRegularFile(cached)) {
                        file = "certs/" + name;
                        files.add(new ImportFile(file, SourceFiles.read(cached), "janusec automatic certificate "
                                + cached, true));
                    }
                    domains.add(new MigrationPlan.PlannedDomain(name, file, name.startsWith("*.") ? "DNS_01"
                            : "HTTP_01", null, app.redirectHttps(), app.hsts()));
                    notes.add(label + ": " + name + " has Janusec's automatic certificate; " + (file == null
                            ? "none is in " + cache + ", so certgate orders one." : "adopted from " + cached + "."));
                    continue;
                }
                String chainFile = chainFileById.get(domain.certId());
                if (chainFile == null) {
                    notes.add(label + ": the domain " + name + " uses the certificate " + domain.certId()
                            + ", which is not imported; left out.");
                    continue;
                }
                domains.add(new MigrationPlan.PlannedDomain(name, chainFile, null, null, app.redirectHttps(),
                        app.hsts()));
            }
            if (backends.isEmpty()) {
                notes.add(label + ": no reverse-proxy destination; not created.");
                continue;
            }
            applications.add(new MigrationPlan.PlannedApplication("janusec-" + app.name().strip(), backends, domains));
        }
        if (rows.certificates().isEmpty() && rows.applications().isEmpty()) {
            notes.add("Janusec's database holds no certificate and no application.");
        }
        return new MigrationPlan("janusec", database + " (home " + home + ")", files, applications, notes);
    }
}
