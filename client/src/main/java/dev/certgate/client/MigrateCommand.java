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
import dev.certgate.migration.Janusec;
import dev.certgate.migration.JanusecDatabase;
import dev.certgate.migration.MigrationException;
import dev.certgate.migration.MigrationPlan;
import dev.certgate.migration.Npm;
import dev.certgate.migration.NpmDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code certgate migrate certbot|caddy|npm|janusec PATH}: reads another tool's store here, where it lives (read
 * only), and sends what it holds to the server's bulk import; then creates the applications planned (certbot and Caddy
 * with {@code --backend}; NPM's proxy hosts and Janusec's applications with their own backends), their ACME domains
 * adopting the imported certificates. An application that exists already (by name) is left as it is, so a second
 * run adds nothing.
 */
@Command(name = "migrate", description = "Bring the certificates of certbot (/etc/letsencrypt), Caddy (its storage "
        + "directory), Nginx Proxy Manager (its data directory and database) or Janusec (its PostgreSQL database) "
        + "into certgate. The source is only read. ACME certificates are adopted: stored with source ACME and bound "
        + "to ACME domains (certbot and Caddy with --backend; NPM's proxy hosts and Janusec's applications always) "
        + "that certgate renews when due (not ordered again now).",
        mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class MigrateCommand implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    /** Where the password of a source's database comes from when neither option gives it. */
    static final String DB_PASSWORD_ENV = "CERTGATE_SOURCE_DB_PASSWORD";

    @Parameters(index = "0", paramLabel = "SOURCE", description = "certbot, caddy, npm or janusec.")
    private String source;

    @Parameters(index = "1", paramLabel = "PATH", description = "certbot: its configuration directory "
            + "(/etc/letsencrypt); caddy: its storage directory (the one that holds certificates/); npm: its data "
            + "directory (/data, which holds custom_ssl/ and, on SQLite, database.sqlite); janusec: its installation "
            + "directory (/usr/local/janusec, whose certs/ caches its automatic certificates).")
    private Path path;

    @Option(names = "--letsencrypt", paramLabel = "DIR", description = "npm: its certbot directory, which holds "
            + "live/npm-ID/ (default /etc/letsencrypt; with Docker, the folder mounted there).")
    private Path letsencrypt;

    @Option(names = "--sqlite", paramLabel = "FILE", description = "npm: its SQLite database (default "
            + "PATH/database.sqlite; NPM's DB_SQLITE_FILE). Opened read-only.")
    private Path sqlite;

    @Option(names = "--db-url", paramLabel = "URL", description = "npm on MySQL/MariaDB: jdbc:mariadb://HOST:PORT/NAME "
            + "(NPM's DB_MYSQL_HOST, DB_MYSQL_PORT, DB_MYSQL_NAME), on PostgreSQL: jdbc:postgresql://HOST:PORT/NAME "
            + "(its DB_POSTGRES_...); janusec: jdbc:postgresql://HOST:PORT/NAME (its "
            + "config.json's database). Only read.")
    private String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "The database user (NPM's DB_MYSQL_USER). Its "
            + "password comes from --db-password-file, --db-password-stdin or $" + DB_PASSWORD_ENV + ".")
    private String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE", description = "A file whose first line is the "
            + "database password.")
    private Path dbPasswordFile;

    @Option(names = "--db-password-stdin", description = "Read the database password from the first line of "
            + "standard input.")
    private boolean dbPasswordStdin;

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
        String kind = source.toLowerCase(Locale.ROOT);
        if (!kind.equals("npm") && (letsencrypt != null || sqlite != null)) {
            throw new Failures.UsageException("--letsencrypt and --sqlite are for npm only.");
        }
        if (!kind.equals("npm") && !kind.equals("janusec") && (dbUrl != null || dbUser != null
                || dbPasswordFile != null || dbPasswordStdin)) {
            throw new Failures.UsageException("The --db-... options are for npm and janusec only.");
        }
        try {
            plan = switch (kind) {
                case "certbot" -> Certbot.read(path, backends);
                case "caddy" -> Caddy.read(path, backends);
                case "npm" -> readNpm();
                case "janusec" -> readJanusec();
                default -> throw new Failures.UsageException("Unknown source " + source + ": give certbot, caddy, "
                        + "npm or janusec.");
            };
        } catch (MigrationException e) {
            throw new Failures.UsageException(e.getMessage());
        }
        PrintWriter out = root.out();
        if (!root.json()) {
            out.println("Read " + plan.source() + " at " + plan.location() + ": " + plan.files().size() + " file(s)"
                    + (plan.applications().isEmpty() ? "" : ", " + plan.applications().size() + " application(s)")
                    + ".");
            plan.notes().forEach(note -> out.println("  " + note));
        }
        if (plan.files().isEmpty() && plan.applications().isEmpty()) {
            return ExitCodes.OK;
        }
        int exit = ExitCodes.OK;
        BulkImportResult result = new BulkImportResult(dryRun, List.of());
        if (!plan.files().isEmpty()) {
            BulkImportRequest request = new BulkImportRequest(plan.files(), null, importExpired, dryRun,
                    "Migrated from " + plan.source() + " (" + plan.location() + ")");
            result = root.call(CertificateService.class, "CertificateServiceBean",
                    certificates -> certificates.importBulk(request));
            exit = BulkOutput.print(root, result);
        }
        Set<String> existing = new HashSet<>();
        if (!plan.applications().isEmpty()) {
            for (ApplicationView application : root.call(ApplicationService.class, "ApplicationServiceBean",
                    ApplicationService::list)) {
                existing.add(application.name());
            }
        }

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
            if (existing.contains(planned.name())) {
                out.println("The application " + planned.name() + " exists already; left as it is.");
                continue;
            }
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

    /** NPM's database (SQLite by default, MySQL/MariaDB or PostgreSQL with --db-url) and its folders. */
    private MigrationPlan readNpm() throws MigrationException, IOException, Failures.UsageException {
        if (!backends.isEmpty()) {
            throw new Failures.UsageException("NPM's proxy hosts bring their own backends: --backend is for certbot "
                    + "and caddy.");
        }
        NpmDatabase database;
        if (dbUrl != null) {
            if (sqlite != null) {
                throw new Failures.UsageException("Give NPM's database one way: --sqlite FILE or --db-url URL.");
            }
            char[] password = dbPassword();
            try {
                database = NpmDatabase.server(dbUrl, dbUser, password == null ? null : new String(password));
            } finally {
                if (password != null) {
                    Arrays.fill(password, '\0');
                }
            }
            // the driver would print its own copy of a refusal that the message below already gives
            quietly("mariadb.logging.disable", "true");
        } else {
            if (dbUser != null || dbPasswordFile != null || dbPasswordStdin) {
                throw new Failures.UsageException("--db-user and the database password go with --db-url.");
            }
            database = NpmDatabase.sqlite(sqlite != null ? sqlite : path.resolve("database.sqlite"));
        }
        // the SQLite driver logs through SLF4J, which this jar gives no provider: not the user's concern
        quietly("slf4j.internal.verbosity", "ERROR");
        return Npm.read(database, path, letsencrypt != null ? letsencrypt : Path.of("/etc/letsencrypt"));
    }

    /** A database driver's logging setting, unless the user set it ({@code java -D...}). */
    private static void quietly(String property, String value) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, value);
        }
    }

    /** Janusec's PostgreSQL database (--db-url, required) and its installation directory (PATH, for certs/). */
    private MigrationPlan readJanusec() throws MigrationException, IOException, Failures.UsageException {
        if (!backends.isEmpty()) {
            throw new Failures.UsageException("Janusec's applications bring their own backends: --backend is for "
                    + "certbot and caddy.");
        }
        if (dbUrl == null) {
            throw new Failures.UsageException("Give Janusec's database: --db-url jdbc:postgresql://HOST:PORT/NAME "
                    + "--db-user USER (the primary_node.database of its config.json).");
        }
        char[] password = dbPassword();
        try {
            return Janusec.read(JanusecDatabase.postgresql(dbUrl, dbUser, password == null ? null
                    : new String(password)), path);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The database password: a file, standard input, the environment, else none. */
    private char[] dbPassword() throws IOException, Failures.UsageException {
        if (dbPasswordFile != null && dbPasswordStdin) {
            throw new Failures.UsageException("Give the database password one way: --db-password-file or "
                    + "--db-password-stdin.");
        }
        if (dbPasswordFile != null) {
            return Secrets.firstLine(dbPasswordFile, "database password");
        }
        if (dbPasswordStdin) {
            return Secrets.firstLine(System.in, "database password");
        }
        String fromEnvironment = System.getenv(DB_PASSWORD_ENV);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? null : fromEnvironment.toCharArray();
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
