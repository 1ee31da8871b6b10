package dev.certgate.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Instants for the pages, through the {@code <cg:time value="..."/>} tag (WEB-INF/tags/time.xhtml): the page gets
 * the UTC value as text and as its hover title, and the ISO instant in {@code datetime}; certgate.js then shows the
 * text in the browser's time zone. Without JavaScript the UTC text stays, which is still right.
 */
@Named
@ApplicationScoped
public class Dates {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    /** {@code 2026-11-27T17:41:39Z}, for the {@code datetime} attribute; empty for null. */
    public String iso(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }

    /** {@code 2026-11-27 17:41:39 UTC}; empty for null. */
    public String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }
}
