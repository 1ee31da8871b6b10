package dev.certgate.gateway;

import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateNotFoundException;
import dev.certgate.api.ConcurrentChangeException;
import dev.certgate.api.GatewayOptions;
import dev.certgate.api.GatewayOptionsService;
import dev.certgate.api.Roles;
import dev.certgate.audit.AuditLog;
import dev.certgate.certificates.CertificateDirectory;
import dev.certgate.certificates.CertificatesChanged;
import dev.certgate.gateway.model.GatewaySettingsRecord;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;

/** Keeps the gateway's run-time settings (the default certificate); audited; live after commit. */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
public class GatewayOptionsServiceBean implements GatewayOptionsService {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private AuditLog audit;

    @EJB
    private CertificateDirectory certificates;

    @Inject
    private Event<CertificatesChanged> changed;

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public GatewayOptions get() {
        GatewaySettingsRecord settings = em.find(GatewaySettingsRecord.class, GatewaySettingsRecord.ID);
        return new GatewayOptions(settings.defaultCertificateId(), settings.version());
    }

    @Override
    public GatewayOptions setDefaultCertificate(String certificateId, long version) throws CertgateException {
        GatewaySettingsRecord settings = em.find(GatewaySettingsRecord.class, GatewaySettingsRecord.ID);
        if (settings.version() != version) {
            throw new ConcurrentChangeException("The gateway's settings");
        }
        String summary;
        if (certificateId == null || certificateId.isBlank()) {
            settings.useDefaultCertificate(null, audit.actor(), Instant.now());
            summary = "Unknown names and handshakes without SNI are now refused (no default certificate).";
        } else {
            CertificateDirectory.Stored certificate = certificates.find(certificateId.strip())
                    .orElseThrow(() -> new CertificateNotFoundException(certificateId));
            settings.useDefaultCertificate(certificate.id(), audit.actor(), Instant.now());
            summary = "The default certificate is now the one for " + certificate.commonName() + ".";
        }
        try {
            em.flush();
        } catch (jakarta.persistence.OptimisticLockException e) {
            throw new ConcurrentChangeException("The gateway's settings");
        }
        audit.record(AuditAction.GATEWAY_DEFAULT_CERTIFICATE, settings.defaultCertificateId(), summary);
        changed.fire(new CertificatesChanged(settings.defaultCertificateId()));
        return new GatewayOptions(settings.defaultCertificateId(), settings.version());
    }
}
