package dev.certgate.migration;

import dev.certgate.api.ImportFile;

import java.util.List;
import java.util.Objects;

/**
 * What a migration source holds, as certgate would import it: the files for the bulk import (each with its origin,
 * ACME ones marked for adoption), the applications to create, and notes for the user (what was read and what could
 * not be taken over).
 *
 * @param source       the tool, e.g. "certbot"
 * @param location     where it was read, e.g. "/etc/letsencrypt"
 * @param files        for {@code CertificateService.importBulk}, in the source's order
 * @param applications to create once the certificates are stored; may be empty
 * @param notes        one sentence each; may be empty
 */
public record MigrationPlan(String source, String location, List<ImportFile> files,
                            List<PlannedApplication> applications, List<String> notes) {

    public MigrationPlan {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(location, "location");
        files = List.copyOf(files);
        applications = List.copyOf(applications);
        notes = List.copyOf(notes);
    }

    /**
     * An application to create.
     *
     * @param name     its name in certgate
     * @param backends at least one backend URL
     * @param domains  its domains
     */
    public record PlannedApplication(String name, List<String> backends, List<PlannedDomain> domains) {
        public PlannedApplication {
            Objects.requireNonNull(name, "name");
            backends = List.copyOf(backends);
            domains = List.copyOf(domains);
        }
    }

    /**
     * A domain of a planned application, bound to a certificate of the plan.
     *
     * @param name            the host name (or one-label wildcard)
     * @param certificateFile the name of the plan's file that holds its certificate (as {@link ImportFile#name()});
     *                        null when it has none (an ACME domain ordered anew)
     * @param acmeChallenge   "HTTP_01", "TLS_ALPN_01" or "DNS_01": an ACME domain, adopting its certificate; null:
     *                        bound to the stored certificate
     * @param acmeKeyType     "EC_P256" or "RSA_2048" for an ACME domain; null: the default
     * @param redirectHttps   plain HTTP redirected to HTTPS
     * @param hsts            HTTPS answers carry Strict-Transport-Security
     */
    public record PlannedDomain(String name, String certificateFile, String acmeChallenge, String acmeKeyType,
                                boolean redirectHttps, boolean hsts) {
        public PlannedDomain {
            Objects.requireNonNull(name, "name");
        }
    }
}
