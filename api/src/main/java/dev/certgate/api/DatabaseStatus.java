package dev.certgate.api;

import jakarta.ejb.Local;

/**
 * Whether certgate's database answers now, for an answer that must not need it: the unauthenticated
 * {@code GET /api/v1/status}, which the command-line client asks when the server refused its sign-in (a sign-in is
 * checked against the database, so a refusal may mean the database is away, not that the password is wrong). Local
 * only; says nothing but yes or no.
 */
@Local
public interface DatabaseStatus {

    /** Whether a connection can be had and answers within 2 s. */
    boolean answers();
}
