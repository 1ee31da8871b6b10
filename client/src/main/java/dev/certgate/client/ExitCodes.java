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
    /**
     * Bad input: a wrong option or argument, or input the server refused (not PEM, wrong passphrase, expired, a key
     * that does not match, no ACME account yet...).
     */
    static final int BAD_INPUT = 2;
    /** No certificate, application, user or ACME domain has the id or name given. */
    static final int NOT_FOUND = 3;
    /**
     * A conflict: in use (the message names the domains), already stored (a certificate, a user name), changed by
     * someone else meanwhile, or the last enabled admin.
     */
    static final int CONFLICT = 4;
    /** No credentials, or the server refused them (unknown user, wrong password). */
    static final int AUTHENTICATION = 5;
    /** Signed in, but the user's role does not allow the command (an auditor changing something, say). */
    static final int FORBIDDEN = 6;
    /** The server could not be reached (wrong URL, not running, network). */
    static final int UNREACHABLE = 7;
    /** The server is up but cannot reach or use what the command needs now (the ACME CA, the instance key). */
    static final int UNAVAILABLE = 8;

    /** For {@code --help}. */
    static final String HELP = """
            Exit codes:
              0  done
              1  unexpected failure (see the server's log)
              2  bad input: wrong option or argument, or input the server refused
              3  not found: no such certificate, application, user or ACME domain
              4  conflict: in use, a duplicate, changed meanwhile, or the last admin
              5  authentication failed: no credentials, unknown user or wrong password
              6  forbidden: your role does not allow this
              7  server unreachable
              8  unavailable: the server cannot reach what it needs (the ACME CA); try again later""";

    private ExitCodes() {
    }
}
