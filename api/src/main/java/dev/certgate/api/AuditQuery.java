package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * Which audit lines to list, newest first.
 *
 * @param user   exactly this user; null for any
 * @param action exactly this action; null for any
 * @param from   at or after; null for no bound
 * @param to     before; null for no bound
 * @param target exactly this target (a certificate's id, a user's name…); null for any
 * @param page   0-based page number
 * @param size   lines per page, 1 to 500
 */
public record AuditQuery(String user, AuditAction action, Instant from, Instant to, String target, int page,
                         int size)
        implements Serializable {

    /** A query on any target. */
    public AuditQuery(String user, AuditAction action, Instant from, Instant to, int page, int size) {
        this(user, action, from, to, null, page, size);
    }

    /** The newest lines about one target (such as a certificate's id). */
    public static AuditQuery forTarget(String target, int size) {
        return new AuditQuery(null, null, null, null, target, 0, size);
    }

    /** The same filters on another page. */
    public AuditQuery withPage(int page, int size) {
        return new AuditQuery(user, action, from, to, target, page, size);
    }
}
