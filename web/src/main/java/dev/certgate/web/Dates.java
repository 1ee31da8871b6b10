package dev.certgate.web;

import dev.certgate.api.CertificateState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants for the pages, as {@code #{dates.iso(...)}} and {@code #{dates.utc(...)}} or through the
 * {@code <cg:time value="..."/>} tag (WEB-INF/tags/time.xhtml): the page gets the UTC value as text and as its hover
 * title, and the ISO instant in {@code datetime}; certgate.js then shows the text in the browser's time zone. Without
 * JavaScript the UTC text stays, which is still right. Also the words and style of a certificate's validity.
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

    /**
     * The style of a certificate's validity at {@code now}: "cg-expired", "cg-expiring", "cg-valid" or
     * "cg-not_yet_valid".
     */
    public static String stateStyle(Instant notBefore, Instant notAfter, Instant now) {
        return "cg-" + CertificateState.of(notBefore, notAfter, now).name().toLowerCase(Locale.ROOT);
    }

    /**
     * Words for the state, so that colour is never the only sign: "expired 3 days ago", "expires in 12 days",
     * "not yet valid: starts in 2 days".
     */
    public static String stateText(Instant notBefore, Instant notAfter, Instant now) {
        return switch (CertificateState.of(notBefore, notAfter, now)) {
            case NOT_YET_VALID -> {
                long days = Duration.between(now, notBefore).toDays();
                yield "not yet valid: starts " + (days == 0 ? "within a day" : "in " + days
                        + (days == 1 ? " day" : " days"));
            }
            case EXPIRED -> {
                long ago = Duration.between(notAfter, now).toDays();
                yield ago == 0 ? "expired today" : "expired " + ago + (ago == 1 ? " day" : " days") + " ago";
            }
            case EXPIRING -> {
                long days = Duration.between(now, notAfter).toDays();
                yield days == 0 ? "expires today" : "expires in " + days + (days == 1 ? " day" : " days");
            }
            case VALID -> "";
        };
    }
}
