package dev.certgate.web.certificates;

import dev.certgate.api.CertificateQuery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the certificate pages write them: ISO-8601 UTC in a {@code <time datetime>} attribute, which the
 * browser rewrites in its own time zone (certificates.js), and a readable UTC text for the hover title.
 */
final class Dates {

    private static final DateTimeFormatter UTC =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Dates() {
    }

    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    static String utc(Instant instant) {
        return instant == null ? "" : UTC.format(instant);
    }

    /** "cg-expired", "cg-expiring" (within {@link CertificateQuery#EXPIRING_DAYS} days) or "cg-valid". */
    static String state(Instant notAfter, Instant now) {
        if (notAfter.isBefore(now)) {
            return "cg-expired";
        }
        return notAfter.isBefore(now.plus(Duration.ofDays(CertificateQuery.EXPIRING_DAYS))) ? "cg-expiring"
                : "cg-valid";
    }

    /** Words for the state, so that colour is never the only sign: "expired 3 days ago", "expires in 12 days". */
    static String stateText(Instant notAfter, Instant now) {
        long days = Duration.between(now, notAfter).toDays();
        if (notAfter.isBefore(now)) {
            long ago = Duration.between(notAfter, now).toDays();
            return ago == 0 ? "expired today" : "expired " + ago + (ago == 1 ? " day" : " days") + " ago";
        }
        if (days < CertificateQuery.EXPIRING_DAYS) {
            return days == 0 ? "expires today" : "expires in " + days + (days == 1 ? " day" : " days");
        }
        return "";
    }
}
