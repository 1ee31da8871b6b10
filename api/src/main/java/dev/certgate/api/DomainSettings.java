package dev.certgate.api;

import java.io.Serializable;

/**
 * A domain of an application: an exact host name or a one-label wildcard, served with a stored certificate or with
 * an ACME certificate — exactly one of {@code certificateId} and {@code acme}.
 *
 * @param name          e.g. "app.example.com" or "*.example.com", read once by {@link HostName} (an IDN in its
 *                      ASCII form, lower case); in JSON its text; null only when the caller gave none (refused)
 * @param certificateId a stored certificate that covers the name; null when {@code acme} is given
 * @param acme          ACME settings; null when {@code certificateId} is given
 * @param redirectHttps whether plain HTTP requests are redirected to HTTPS
 * @param hsts          whether HTTPS answers carry Strict-Transport-Security
 */
public record DomainSettings(HostName name, String certificateId, AcmeSettings acme, boolean redirectHttps,
                             boolean hsts) implements Serializable {
}
