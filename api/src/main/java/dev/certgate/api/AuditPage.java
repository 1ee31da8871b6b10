package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * One page of the audit log.
 *
 * @param items the lines on this page, newest first
 * @param total how many lines match in all
 */
public record AuditPage(List<AuditEntry> items, long total) implements Serializable {

    public AuditPage {
        items = List.copyOf(items);
    }
}
