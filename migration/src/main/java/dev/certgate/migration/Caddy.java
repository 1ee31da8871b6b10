package dev.certgate.migration;

import dev.certgate.api.ImportFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Caddy's storage ({@code ~/.local/share/caddy}, {@code /var/lib/caddy/.local/share/caddy}, or {@code $XDG_DATA_HOME/
 * caddy}): CertMagic keeps each certificate in {@code certificates/<issuer>/<name>/<name>.crt} with
 * {@code <name>.key} and {@code <name>.json} (its names and the issuer's data), where {@code <issuer>} is the ACME
 * directory's host and path ({@code acme-v02.api.letsencrypt.org-directory}) or {@code local} for Caddy's internal CA,
 * and {@code <name>} the domain made safe for a file name ({@code *.} becomes {@code wildcard_.}). Certificates of an
 * ACME issuer are adopted; those of Caddy's internal CA are imported as uploaded ones.
 */
public final class Caddy {

    /** The issuer key of Caddy's internal CA. */
    static final String LOCAL = "local";

    private Caddy() {
    }

    /**
     * Reads a Caddy storage directory.
     *
     * @param root     the directory that holds {@code certificates/}
     * @param backends the backend URLs of the applications to create, one per certificate; empty: certificates only
     * @throws MigrationException when {@code root} has no {@code certificates/} directory, or a file cannot be read
     */
    public static MigrationPlan read(Path root, List<String> backends) throws MigrationException {
        Path certificates = root.resolve("certificates");
        if (!Files.isDirectory(certificates)) {
            throw new MigrationException(root + " is not Caddy's storage: it has no certificates/ directory (Caddy "
                    + "keeps them in ~/.local/share/caddy/certificates/ of the user it runs as).");
        }
        List<ImportFile> files = new ArrayList<>();
        List<MigrationPlan.PlannedApplication> applications = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path issuer : SourceFiles.directories(certificates)) {
            String issuerKey = issuer.getFileName().toString();
            boolean acme = !issuerKey.equals(LOCAL);
            for (Path site : SourceFiles.directories(issuer)) {
                String safe = site.getFileName().toString();
                Path crt = site.resolve(safe + ".crt");
                Path key = site.resolve(safe + ".key");
                String where = "certificates/" + issuerKey + "/" + safe;
                if (!Files.isRegularFile(crt) || !Files.isRegularFile(key)) {
                    notes.add(where + " has no " + safe + ".crt and " + safe + ".key; left out.");
                    continue;
                }
                String origin = "caddy " + site;
                byte[] chain = SourceFiles.read(crt);
                files.add(new ImportFile(where + "/" + safe + ".crt", chain, origin, acme));
                files.add(new ImportFile(where + "/" + safe + ".key", SourceFiles.read(key), origin, acme));
                if (!backends.isEmpty()) {
                    List<MigrationPlan.PlannedDomain> domains = new ArrayList<>();
                    for (String host : SourceFiles.dnsNames(chain)) {
                        domains.add(new MigrationPlan.PlannedDomain(host, where + "/" + safe + ".crt",
                                acme ? (host.startsWith("*.") ? "DNS_01" : "HTTP_01") : null, null, false, false));
                    }
                    applications.add(new MigrationPlan.PlannedApplication("caddy-" + safe.replace("wildcard_.",
                            "wildcard."), backends, domains));
                }
            }
            notes.add(issuerKey + ": " + (acme ? "ACME certificates, adopted (renewed by certgate with HTTP-01, "
                    + "DNS-01 for wildcards)." : "Caddy's internal CA; imported as uploaded certificates (certgate "
                    + "does not renew them)."));
        }
        if (files.isEmpty()) {
            notes.add("No certificate was found under " + certificates + ".");
        }
        return new MigrationPlan("caddy", root.toString(), files, applications, notes);
    }
}
