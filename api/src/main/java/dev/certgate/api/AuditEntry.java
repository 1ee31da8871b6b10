package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * One line of the audit log.
 *
 * @param time    when
 * @param user    who ("anonymous" when nobody was signed in)
 * @param address the client's address; null when unknown
 * @param action  what, e.g. CERTIFICATE_IMPORT
 * @param target  the id or name acted on; null when none
 * @param summary one sentence for people
 */
public record AuditEntry(Instant time, String user, String address, AuditAction action, String target,
                         String summary)
        implements Serializable {
}
