package dev.certgate.api;

import jakarta.ejb.Local;

/**
 * Whether a signed-in session still stands for the account it was signed in with. Local only (the web module's
 * session check): remote clients authenticate per connection.
 */
@Local
public interface UserAccess {

    /**
     * The access stamp of user {@code name}: it changes, as soon as the change is committed, when the user is
     * disabled or deleted, gets other roles or a new password (their own or set by an admin). A session that was
     * signed in under another stamp of its user has to end. Kept in memory on this server: 0 until a change since
     * it started.
     */
    long stamp(String name);
}
