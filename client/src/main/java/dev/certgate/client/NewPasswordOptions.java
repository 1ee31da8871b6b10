package dev.certgate.client;

import picocli.CommandLine.Option;

import java.io.IOException;

/**
 * Where a new password comes from (a picocli mixin of {@code user add}, {@code user reset-password} and
 * {@code password}): never the command line, which other users of the machine can read in the process list.
 */
final class NewPasswordOptions {

    static final String ENV = "CERTGATE_NEW_PASSWORD";

    @Option(names = "--new-password-stdin",
            description = "Read the new password from the first line of standard input (for scripts). Otherwise $"
                    + ENV + ", else it is asked twice without echo.")
    boolean fromStdin;

    /** The new password, from standard input, the environment, or asked twice. */
    char[] read() throws IOException, Failures.UsageException {
        if (fromStdin) {
            return Secrets.firstLine(System.in, "new password");
        }
        String fromEnvironment = System.getenv(ENV);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        return Secrets.ask("new password", true, "use --new-password-stdin or set " + ENV);
    }
}
