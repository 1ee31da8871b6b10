package dev.certgate.api;

import jakarta.ejb.Local;

/**
 * The audit trail of the sign-in page, written before anyone is signed in. Local only: no remote client can write
 * the audit log through it. Never given a password.
 */
@Local
public interface SignInAudit {

    void signedIn(String name);

    /** A wrong user name or password. */
    void refused(String name);

    /** Not tried, because of too many failures; {@code why} is the message the user saw. */
    void throttled(String name, String why);

    void signedOut(String name);
}
