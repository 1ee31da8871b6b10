package dev.certgate.api;

import java.io.Serializable;

/**
 * The gateway's run-time settings.
 *
 * @param defaultCertificateId the certificate served for names no certificate covers and for handshakes without
 *                             SNI (access by IP address); null: such handshakes are refused (unrecognized_name)
 * @param version              pass it back to change the settings
 */
public record GatewayOptions(String defaultCertificateId, long version) implements Serializable {
}
