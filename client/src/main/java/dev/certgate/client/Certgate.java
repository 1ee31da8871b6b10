package dev.certgate.client;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * {@code certgate}: certgate's command-line client over EJB remote. It calls the very services the pages and the
 * REST API call, as the user it signs in with, under the same roles.
 */
@Command(name = "certgate",
        mixinStandardHelpOptions = true,
        // inherited: every command, method subcommands included, takes --help before its required options
        scope = ScopeType.INHERIT,
        version = "certgate client 0.1",
        subcommands = {CertCommands.class, AppCommands.class, AcmeCommands.class, UserCommands.class,
                PasswordCommand.class, AuditCommand.class, SummaryCommand.class, NodeCommands.class, AlertCommands.class,
                KeyCommands.class, MigrateCommand.class,
                CommandLine.HelpCommand.class},
        description = "Manages the certificates, applications, ACME and users of a certgate server, and reads its "
                + "audit log and dashboard, over EJB remote "
                + "(remote+http on the server's HTTP port).",
        footer = {"",
                "Server and credentials: --url, --user, --password, else the environment variables CERTGATE_URL "
                        + "(default remote+http://127.0.0.1:8080), CERTGATE_USER and CERTGATE_PASSWORD, else you are "
                        + "asked (the password is not echoed). Prefer the variable or the prompt to --password, "
                        + "which other users of the machine can see in the process list.",
                "",
                ExitCodes.HELP})
public final class Certgate implements Callable<Integer> {

    static final String DEFAULT_URL = "remote+http://127.0.0.1:8080";

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "The server, e.g. remote+http://certgate.example.com:8080 (http:// and host:port are "
                    + "taken too). Default: $CERTGATE_URL, else " + DEFAULT_URL + ".")
    String url;

    @Option(names = {"-u", "--user"}, scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "The user to sign in as. Default: $CERTGATE_USER, else asked.")
    String user;

    @Option(names = "--password", scope = ScopeType.INHERIT, paramLabel = "PASSWORD",
            description = "The user's password. Default: $CERTGATE_PASSWORD, else asked without echo.")
    String password;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print JSON (the REST API's field names) instead of tables, for scripts.")
    boolean json;

    @Option(names = "--debug", scope = ScopeType.INHERIT,
            description = "Show the client's log and the stack trace of a failure.")
    boolean debug;

    private final PrintWriter out;
    private final PrintWriter err;
    private Credentials credentials;

    Certgate(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code); // the remoting threads would otherwise linger
    }

    static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        quietLogging(debug);
        Certgate root = new Certgate(out, err);
        CommandLine line = new CommandLine(root);
        line.setOut(out);
        line.setErr(err);
        line.setExecutionExceptionHandler((failure, command, parsed) -> Failures.report(failure, err, root.debug,
                () -> root.credentials != null && Server.saysDatabaseIsAway(root.credentials.url())));
        line.setParameterExceptionHandler((mistake, given) -> {
            err.println("certgate: " + mistake.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(mistake, err);
            err.println("See: " + mistake.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            err.flush();
            return ExitCodes.BAD_INPUT;
        });
        try {
            return line.execute(args);
        } finally {
            if (root.credentials != null) {
                root.credentials.clear();
            }
        }
    }

    /** Without a command: the usage, as for any other mistake on the command line. */
    @Override
    public Integer call() {
        new CommandLine(this).usage(err);
        err.println("certgate: name a command: cert, app, acme, user, password, audit, summary, node, alert or migrate.");
        return ExitCodes.BAD_INPUT;
    }

    PrintWriter out() {
        return out;
    }

    boolean json() {
        return json;
    }

    /** The server, user and password named by the options, the environment or the user. */
    record Credentials(String url, String user, char[] password) {
        /** Clears the password. */
        void clear() {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * The server, user and password from the options, the environment or a prompt (never echoed); found once per
     * run, so a command may ask for them before it asks for anything else. {@link #run} clears the password.
     */
    Credentials credentials() throws Failures.UsageException {
        if (credentials == null) {
            credentials = findCredentials();
        }
        return credentials;
    }

    private Credentials findCredentials() throws Failures.UsageException {
        String target = url != null ? url : System.getenv().getOrDefault("CERTGATE_URL", DEFAULT_URL);
        String name = user != null ? user : System.getenv("CERTGATE_USER");
        Console console = System.console();
        if (name == null || name.isBlank()) {
            if (console == null) {
                throw new Failures.UsageException("No user: give --user or set CERTGATE_USER.");
            }
            name = console.readLine("certgate user: ");
        }
        char[] secret;
        if (password != null) {
            secret = password.toCharArray();
        } else if (System.getenv("CERTGATE_PASSWORD") != null) {
            secret = System.getenv("CERTGATE_PASSWORD").toCharArray();
        } else if (console != null) {
            secret = console.readPassword("password of %s: ", name);
        } else {
            throw new Failures.UsageException("No password: set CERTGATE_PASSWORD, or run on a terminal to be asked.");
        }
        if (name == null || secret == null) {
            throw new Failures.UsageException("No user or password given.");
        }
        return new Credentials(remoteUrl(target), name.strip(), secret);
    }

    /** Signs in to the server named by the options, the environment or the user. */
    Server connect() throws Exception {
        return connect(credentials());
    }

    /** Signs in with {@code credentials} (copied: the caller may clear them). */
    static Server connect(Credentials credentials) throws javax.naming.NamingException {
        return Server.at(credentials.url(), credentials.user(), credentials.password());
    }

    /**
     * Signs in and makes calls on one service.
     *
     * @param bean the simple name of the service's {@code @Stateless} implementation
     */
    <S, T> T call(Class<S> service, String bean, RemoteCall<S, T> call) throws Exception {
        try (Server server = connect()) {
            S proxy = server.service(service, bean);
            return server.call(() -> call.apply(proxy));
        }
    }

    /** {@code remote+http://host:port} from what a user may type: that, http(s)://host:port, or host:port. */
    static String remoteUrl(String given) throws Failures.UsageException {
        String url = given.strip();
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            url = "remote+" + url;
        } else if (!lower.contains("://")) {
            url = "remote+http://" + url;
        } else if (!lower.startsWith("remote+http://") && !lower.startsWith("remote+https://")) {
            throw new Failures.UsageException("The server URL must look like remote+http://host:8080, not " + given
                    + ".");
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        if (url.toLowerCase(Locale.ROOT).startsWith("remote+http://") && !loopback(url)) {
            throw new Failures.UsageException("The password would cross the network in clear over " + url
                    + ": use remote+https://HOST:8443 (WildFly's HTTPS listener), or run the client on the server.");
        }
        return url;
    }

    /** Whether the URL's host is this machine's loopback (127.0.0.0/8, ::1 or localhost). */
    private static boolean loopback(String url) throws Failures.UsageException {
        try {
            String host = java.net.URI.create(url).getHost();
            if (host == null) {
                throw new IllegalArgumentException("no host");
            }
            String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
            return bare.equalsIgnoreCase("localhost") || bare.startsWith("127.") || bare.equals("::1")
                    || bare.equals("0:0:0:0:0:0:0:1");
        } catch (IllegalArgumentException e) {
            throw new Failures.UsageException("The server URL must look like remote+https://host:8443, not " + url
                    + ".");
        }
    }

    /** The client libraries log their versions and retries at INFO; a command-line tool shows only its answer. */
    private static void quietLogging(boolean debug) {
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "jdk");
        }
        if (!debug) {
            LogManager.getLogManager().reset();
            Logger.getLogger("").setLevel(Level.OFF);
        }
    }
}
