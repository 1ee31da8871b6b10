package dev.certgate.client;

import dev.certgate.api.AcmeSettings;
import dev.certgate.api.ApplicationService;
import dev.certgate.api.ApplicationSpec;
import dev.certgate.api.ApplicationView;
import dev.certgate.api.BulkImportLine;
import dev.certgate.api.BulkImportRequest;
import dev.certgate.api.BulkImportResult;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateService;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.DomainSettings;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyType;
import dev.certgate.migration.Caddy;
import dev.certgate.migration.Certbot;
import dev.certgate.migration.MigrationException;
import dev.certgate.migration.MigrationPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code certgate migrate certbot|caddy PATH}: reads another tool's store here, where it lives (read only), and
 * sends what it holds to the server's bulk import; then creates the applications planned (with {@code --backend}),
 * their ACME domains adopting the imported certificates.
 */
@Command(name = "migrate", description = "Bring the certificates of certbot (/etc/letsencrypt) or Caddy (its storage "
        + "directory) into certgate. The source is only read. ACME certificates are adopted: stored with source "
        + "ACME and, with --backend, bound to ACME domains that certgate renews when due (not ordered again now).",
        mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "certbot or caddy.")
    private String source;

    @Parameters(index = "1", paramLabel = "PATH", description = "certbot: its configuration directory "
            + "(/etc/letsencrypt); caddy: its storage directory (the one that holds certificates/).")
    private Path path;

    @Option(names = "--dry-run", description = "Only list what would be imported and created; nothing is stored.")
    private boolean dryRun;

    @Option(names = "--backend", paramLabel = "URL", description = "Create one application per certificate with "
            + "this backend (repeatable), its domains adopting the certificate. Without it, only certificates.")
    private List<String> backends = new ArrayList<>();

    @Option(names = "--import-expired", description = "Store expired certificates too (else listed and skipped).")
    private boolean importExpired;

    @Override
    public Integer call() throws Exception {
        MigrationPlan plan;
        try {
            plan = switch (source.toLowerCase(Locale.ROOT)) {
                case "certbot" -> Certbot.read(path, backends);
                case "caddy" -> Caddy.read(path, backends);
                default -> throw new Failures.UsageException("Unknown source " + source + ": give certbot or caddy.");
            };
        } catch (MigrationException e) {
            throw new Failures.UsageException(e.getMessage());
        }
        PrintWriter out = root.out();
        if (!root.json()) {
            out.println("Read " + plan.source() + " at " + plan.location() + ": " + plan.files().size() + " file(s).");
            plan.notes().forEach(note -> out.println("  " + note));
        }
        if (plan.files().isEmpty()) {
            return ExitCodes.OK;
        }
        BulkImportRequest request = new BulkImportRequest(plan.files(), null, importExpired, dryRun,
                "Migrated from " + plan.source() + " (" + plan.location() + ")");
        BulkImportResult result = root.call(CertificateService.class, "CertificateServiceBean",
                certificates -> certificates.importBulk(request));
        int exit = BulkOutput.print(root, result);

        Map<String, String> idByFile = new HashMap<>();
        for (BulkImportLine line : result.lines()) {
            if (line.certificateId() != null) {
                line.files().forEach(file -> idByFile.put(file, line.certificateId()));
            }
        }
        for (MigrationPlan.PlannedApplication planned : plan.applications()) {
            List<DomainSettings> domains = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (MigrationPlan.PlannedDomain d : planned.domains()) {
                String id = d.certificateFile() == null ? null : idByFile.get(d.certificateFile());
                if (d.acmeChallenge() != null) {
                    // an ACME domain adopts its certificate; without one (expired, refused) it is ordered anew
                    domains.add(new DomainSettings(domainName(d.name()), null, new AcmeSettings(
                            ChallengeType.valueOf(d.acmeChallenge()),
                            d.acmeKeyType() == null ? null : KeyType.valueOf(d.acmeKeyType()), id, null),
                            d.redirectHttps(), d.hsts()));
                } else if (id != null || dryRun) {
                    domains.add(new DomainSettings(domainName(d.name()), id, null, d.redirectHttps(), d.hsts()));
                } else {
                    left.add(d.name());
                }
            }
            String leftOut = left.isEmpty() ? "" : " (left out, no certificate: " + String.join(", ", left) + ")";
            if (dryRun) {
                out.println("Would create the application " + planned.name() + " -> "
                        + String.join(", ", planned.backends()) + " for " + names(domains) + leftOut + ".");
                continue;
            }
            ApplicationSpec spec = new ApplicationSpec(planned.name(), planned.backends(), domains);
            try {
                ApplicationView created = root.call(ApplicationService.class, "ApplicationServiceBean",
                        applications -> applications.create(spec));
                out.println("Created the application " + created.name() + " (" + created.id() + ") for "
                        + names(domains) + leftOut + ".");
            } catch (CertgateException e) {
                out.println("Not created: the application " + planned.name() + ": " + e.getMessage());
                exit = ExitCodes.BAD_INPUT;
            }
        }
        out.flush();
        return exit;
    }

    private static String names(List<DomainSettings> domains) {
        return String.join(", ", domains.stream().map(d -> d.name() + (d.acme() == null ? ""
                : d.acme().adoptCertificateId() != null ? " (ACME, adopted)" : " (ACME, ordered)")).toList());
    }

    /** A domain read from the old server's configuration, as the REST API reads one (HostName): the same message. */
    private static HostName domainName(String name) throws InvalidInputException {
        return HostName.parse(name, HostName.JSON_FIELD, "domain");
    }
}
