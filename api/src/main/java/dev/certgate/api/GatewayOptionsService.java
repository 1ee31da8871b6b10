package dev.certgate.api;

import jakarta.ejb.Remote;

/** The gateway's run-time settings; a change is live on the next handshake. */
@Remote
public interface GatewayOptionsService {

    GatewayOptions get() throws CertgateException;

    /**
     * Sets the default certificate (null: refuse unknown names).
     *
     * @throws CertificateNotFoundException when no certificate has that id
     * @throws ConcurrentChangeException    when {@code version} is stale
     */
    GatewayOptions setDefaultCertificate(String certificateId, long version) throws CertgateException;
}
