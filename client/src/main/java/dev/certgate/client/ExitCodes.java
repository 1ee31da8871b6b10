package dev.certgate.client;

/**
 * The exit codes of {@code certgate}, for scripts. Printed by {@code certgate --help} and listed in the README; they
 * do not change.
 */
final class ExitCodes {

    /** Done. */
    static final int OK = 0;
    /** The server failed unexpectedly (its log says why), or the client did. */
    static final int ERROR = 1;
    /** Bad input: a wrong option or argument, or input the server refused (not PEM, wrong passphrase, expired...). */
    static final int BAD_INPUT = 2;
    /** No certificate or application has the id given. */
    static final int NOT_FOUND = 3;
    /** A conflict: in use (the message names the domains), already stored, or changed by someone else meanwhile. */
    static final int CONFLICT = 4;
    /** No credentials, or the server refused them (unknown user, wrong password). */
    static final int AUTHENTICATION = 5;
    /** Signed in, but the user's role does not allow the command (an auditor changing something, say). */
    static final int FORBIDDEN = 6;
    /** The server could not be reached (wrong URL, not running, network). */
    static final int UNREACHABLE = 7;

    /** For {@code --help}. */
    static final String HELP = """
            Exit codes:
              0  done
              1  unexpected failure (see the server's log), or another refusal
              2  bad input: wrong option or argument, or input the server refused
              3  not found: no certificate or application has that id
              4  conflict: in use (domains named), already stored, or changed meanwhile
              5  authentication failed: no credentials, unknown user or wrong password
              6  forbidden: your role does not allow this
              7  server unreachable""";

    private ExitCodes() {
    }
}
