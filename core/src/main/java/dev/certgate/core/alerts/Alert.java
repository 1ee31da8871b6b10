package dev.certgate.core.alerts;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert: something an operator must hear of, once.
 *
 * @param key      what makes it one: raised once per key (for an expiry, per certificate, its end and the threshold)
 * @param kind     what kind of alert it is
 * @param severity how urgent (the wording escalates with it)
 * @param target   what it is about: a certificate id, a domain name or (for {@code NODE_DOWN}) a node's name
 * @param subject  one line, for a mail subject
 * @param text     the message in plain words: what happened, and what to do
 * @param raisedAt when it was raised
 */
public record Alert(String key, Kind kind, Severity severity, String target, String subject, String text,
                    Instant raisedAt) {

    /** The kinds of alert; the names are those of the REST contract and the webhook payload. */
    public enum Kind {
        /** a certificate comes near its end (or passed it) */
        EXPIRY,
        /** ACME renewal of a domain keeps failing */
        ACME_FAILING,
        /** ACME renewal keeps failing and the certificate in service has less than a third of its lifetime left */
        ACME_FAILING_LATE,
        /** ACME renewal of a domain that was failing worked again */
        ACME_RECOVERED,
        /** the CA had forgotten the ACME account and certgate registered it again by itself */
        ACME_ACCOUNT_REREGISTERED,
        /** a node's gateway serves a name otherwise than the store says (point 3 of issue 15: the served check) */
        SERVED_MISMATCH,
        /** a node of the cluster stopped serving: its heartbeat has been silent too long (issue 15 point 1) */
        NODE_DOWN,
        /** a test sent by an operator */
        TEST
    }

    /** How urgent an alert is. */
    public enum Severity {
        INFO, WARNING, CRITICAL
    }

    public Alert {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(raisedAt, "raisedAt");
    }
}
