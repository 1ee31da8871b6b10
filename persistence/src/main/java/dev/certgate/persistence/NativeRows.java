package dev.certgate.persistence;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Reading the columns of a native query's rows the same way whichever driver (H2, MariaDB) answered. */
public final class NativeRows {

    private NativeRows() {
    }

    /**
     * A DATETIME read back, as this JVM's zone wrote it (the database keeps no zone). Drivers hand it back as a
     * {@link Timestamp}, a {@link LocalDateTime} or an {@link OffsetDateTime}; null stays null.
     */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof LocalDateTime local) {
            return local.atZone(ZoneId.systemDefault()).toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        throw new IllegalStateException("unexpected date-time type " + value.getClass().getName());
    }
}
