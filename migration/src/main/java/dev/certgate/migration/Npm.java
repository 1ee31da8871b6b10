package dev.certgate.migration;

import dev.certgate.api.ImportFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Nginx Proxy Manager: its database ({@link NpmDatabase}: tables {@code certificate} and {@code proxy_host}) and the
 * certificate folders it serves from. A certificate of provider {@code other} (uploaded to NPM) is in
 * {@code <data>/custom_ssl/npm-<id>/fullchain.pem} and {@code privkey.pem} and is imported as an uploaded one; one of
 * provider {@code letsencrypt} is a certbot lineage {@code <letsencrypt>/live/npm-<id>/} and is adopted (stored with
 * source ACME, its domains renewed by certgate when due, HTTP-01 or, where NPM used a DNS challenge or for a
 * wildcard, DNS-01). Each enabled proxy host becomes an application named {@code npm-<first domain>} with its
 * backend ({@code forward_scheme://forward_host:forward_port}) and its domains bound to its certificate, HTTP
 * redirected where NPM forced SSL and HSTS where NPM sent it. Deleted rows ({@code is_deleted}) and disabled hosts are
 * skipped and named in the notes; so is a certificate whose files are missing.
 */
public final class Npm {

    private Npm() {
    }

    /** A certificate of the plan, as a proxy host's domains bind to it. */
    private record Planned(String chainFile, boolean acme, String challenge, String keyType) {
    }

    /**
     * Reads an NPM installation.
     *
     * @param database    its database
     * @param data        its data directory ({@code /data}), which holds {@code custom_ssl/}
     * @param letsencrypt its certbot directory ({@code /etc/letsencrypt}), which holds {@code live/npm-<id>/}
     * @throws MigrationException when {@code data} is no directory, or the database cannot be read or is not NPM's
     */
    public static MigrationPlan read(NpmDatabase database, Path data, Path letsencrypt) throws MigrationException {
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(letsencrypt, "letsencrypt");
        if (!Files.isDirectory(data)) {
            throw new MigrationException(data + " is not a directory: give Nginx Proxy Manager's data directory (/data "
                    + "in its container, the folder mounted there on the host), which holds custom_ssl/.");
        }
        NpmDatabase.Rows rows = database.read();
        List<ImportFile> files = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        Map<Long, Planned> planned = new HashMap<>();
        Map<Long, String> leftOut = new HashMap<>();
        boolean letsencryptMissing = !Files.isDirectory(letsencrypt.resolve("live"));

        for (NpmDatabase.CertificateRow row : rows.certificates()) {
            String label = "certificate " + row.id() + " (" + label(row) + ")";
            if (row.deleted()) {
                notes.add(label + ": deleted in NPM; skipped.");
                leftOut.put(row.id(), "deleted in NPM");
                continue;
            }
            boolean acme;
            Path dir;
            String where;
            switch (row.provider().toLowerCase(Locale.ROOT)) {
                case "letsencrypt" -> {
                    acme = true;
                    where = "live/npm-" + row.id();
                    dir = letsencrypt.resolve(where);
                }
                case "other" -> {
                    acme = false;
                    where = "custom_ssl/npm-" + row.id();
                    dir = data.resolve(where);
                }
                default -> {
                    notes.add(label + ": provider '" + row.provider() + "' is neither letsencrypt nor other; "
                            + "skipped.");
                    leftOut.put(row.id(), "of an unknown provider");
                    continue;
                }
            }
            Path fullchain = dir.resolve("fullchain.pem");
            Path privkey = dir.resolve("privkey.pem");
            if (!Files.isRegularFile(fullchain) || !Files.isRegularFile(privkey)) {
                notes.add(label + ": its files are missing (no " + dir + "/fullchain.pem and privkey.pem); left "
                        + "out.");
                leftOut.put(row.id(), "its files are missing");
                continue;
            }
            String origin = "npm certificate " + row.id() + " " + dir;
            byte[] chain = SourceFiles.read(fullchain);
            String chainFile = where + "/fullchain.pem";
            files.add(new ImportFile(chainFile, chain, origin, acme));
            files.add(new ImportFile(where + "/privkey.pem", SourceFiles.read(privkey), origin, acme));
            String challenge = null;
            String keyType = null;
            if (acme) {
                challenge = dnsChallenge(row.meta()) ? "DNS_01" : "HTTP_01";
                keyType = SourceFiles.keyAlgorithm(chain).map(a -> a.equals("RSA") ? "RSA_2048"
                        : a.equals("EC") ? "EC_P256" : null).orElse(null);
                String provider = text(row.meta(), "dns_provider");
                notes.add(label + ": Let's Encrypt, adopted; renewed by certgate with " + challenge
                        + (challenge.equals("DNS_01") ? " (NPM used the DNS provider " + (provider == null ? "?"
                        : provider) + "; certgate's DNS provider settings are in docs/configuration.md)" : "")
                        + ".");
            } else {
                notes.add(label + ": uploaded to NPM; imported as an uploaded certificate.");
            }
            planned.put(row.id(), new Planned(chainFile, acme, challenge, keyType));
        }
        if (letsencryptMissing && rows.certificates().stream().anyMatch(c -> !c.deleted()
                && c.provider().equalsIgnoreCase("letsencrypt"))) {
            notes.add(letsencrypt + " has no live/ directory: give NPM's certbot directory with --letsencrypt DIR "
                    + "(/etc/letsencrypt in its container).");
        }

        List<MigrationPlan.PlannedApplication> applications = new ArrayList<>();
        for (NpmDatabase.ProxyHostRow host : rows.proxyHosts()) {
            String label = "proxy host " + host.id() + " (" + String.join(", ", host.domainNames()) + ")";
            if (host.deleted()) {
                notes.add(label + ": deleted in NPM; skipped.");
                continue;
            }
            if (!host.enabled()) {
                notes.add(label + ": disabled in NPM; skipped.");
                continue;
            }
            String backend = backend(host);
            List<MigrationPlan.PlannedDomain> domains = new ArrayList<>();
            Planned certificate = planned.get(host.certificateId());
            if (host.certificateId() == 0) {
                notes.add(label + ": has no certificate in NPM (plain HTTP); its application is created without "
                        + "domains: add them in certgate with a certificate or ACME.");
            } else if (certificate == null) {
                notes.add(label + ": its certificate " + host.certificateId() + " is not imported ("
                        + leftOut.getOrDefault(host.certificateId(), "not in NPM's database")
                        + "); its application is created without domains.");
            } else {
                for (String name : host.domainNames()) {
                    String domain = name.strip().toLowerCase(Locale.ROOT);
                    String challenge = certificate.acme() && domain.startsWith("*.") ? "DNS_01"
                            : certificate.challenge();
                    domains.add(new MigrationPlan.PlannedDomain(domain, certificate.chainFile(), challenge,
                            certificate.acme() ? certificate.keyType() : null, host.sslForced(),
                            host.hstsEnabled()));
                }
            }
            applications.add(new MigrationPlan.PlannedApplication(applicationName(host), List.of(backend), domains));
        }
        if (rows.certificates().isEmpty() && rows.proxyHosts().isEmpty()) {
            notes.add("NPM's database holds no certificate and no proxy host.");
        }
        return new MigrationPlan("npm", database + " (data " + data + ", certbot " + letsencrypt + ")", files,
                applications, notes);
    }

    /** {@code npm-<first domain>}, a wildcard's {@code *.} spelled {@code wildcard.}; a host without one by its id. */
    static String applicationName(NpmDatabase.ProxyHostRow host) {
        if (host.domainNames().isEmpty()) {
            return "npm-proxy-host-" + host.id();
        }
        String first = host.domainNames().get(0).strip().toLowerCase(Locale.ROOT);
        return "npm-" + (first.startsWith("*.") ? "wildcard." + first.substring(2) : first);
    }

    /** The URL NPM's nginx proxies to; an IPv6 address in brackets. */
    static String backend(NpmDatabase.ProxyHostRow host) {
        String scheme = host.forwardScheme().isBlank() ? "http" : host.forwardScheme().strip().toLowerCase(Locale.ROOT);
        String address = host.forwardHost().strip();
        if (address.contains(":") && !address.startsWith("[")) {
            address = "[" + address + "]";
        }
        return scheme + "://" + address + ":" + host.forwardPort();
    }

    private static String label(NpmDatabase.CertificateRow row) {
        return row.niceName().isBlank() ? String.join(", ", row.domainNames()) : row.niceName();
    }

    private static boolean dnsChallenge(Object meta) {
        return meta instanceof Map<?, ?> map && Boolean.TRUE.equals(map.get("dns_challenge"));
    }

    /** A text member of {@code meta}; never one of its credentials (only names NPM shows are asked for). */
    private static String text(Object meta, String name) {
        return meta instanceof Map<?, ?> map && map.get(name) instanceof String value ? value : null;
    }
}
