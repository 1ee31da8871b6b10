package dev.certgate.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** The certificate's validity has ended; a gateway must not serve it. */
public class CertificateExpiredException extends CertgateException {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final Instant notAfter;

    public CertificateExpiredException(String commonName, Instant notAfter) {
        super(ErrorCategory.UNACCEPTABLE, "The certificate for " + commonName + " expired on " + DATE.format(notAfter)
                + ". Renew it with its issuer and import the new one.");
        this.notAfter = notAfter;
    }

    public Instant notAfter() {
        return notAfter;
    }
}
