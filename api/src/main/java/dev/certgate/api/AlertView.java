package dev.certgate.api;

import java.io.Serializable;
import java.time.Instant;

/**
 * An alert certgate raised (once; the channels got it as its own message or in a digest).
 *
 * @param kind     {@code EXPIRY}, {@code ACME_FAILING}, {@code ACME_FAILING_LATE}, {@code ACME_RECOVERED},
 *                 {@code ACME_ACCOUNT_REREGISTERED}, {@code SERVED_MISMATCH}, {@code NODE_DOWN} (a node of the
 *                 cluster stopped serving) or {@code TEST}
 * @param severity {@code INFO}, {@code WARNING} or {@code CRITICAL}
 * @param target   the certificate id or the domain it is about; for {@code NODE_DOWN}, the node's name
 */
public record AlertView(String kind, String severity, String target, String subject, Instant raisedAt)
        implements Serializable {
}
