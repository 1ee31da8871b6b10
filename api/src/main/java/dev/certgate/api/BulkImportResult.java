package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * What a bulk import did, line by line; every file of the batch is named on at least one line.
 *
 * @param dryRun nothing was stored; {@link BulkImportStatus#IMPORTED} means "would be imported"
 * @param lines  in batch order
 */
public record BulkImportResult(boolean dryRun, List<BulkImportLine> lines) implements Serializable {

    public BulkImportResult {
        lines = List.copyOf(lines);
    }

    /** How many lines have this status. */
    public long count(BulkImportStatus status) {
        return lines.stream().filter(line -> line.status() == status).count();
    }
}
