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
 * @param page   0-based page number
 * @param size   lines per page, 1 to 500
 */
public record AuditQuery(String user, String action, Instant from, Instant to, int page, int size)
        implements Serializable {
}
