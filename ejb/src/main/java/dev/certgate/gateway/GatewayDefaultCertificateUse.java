package dev.certgate.gateway;

import dev.certgate.certificates.CertificateUsers;
import dev.certgate.gateway.model.GatewaySettingsRecord;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Tells the certificates capability that the gateway's default certificate may not be deleted. */
@Stateless
@PermitAll // internal: no remote view
public class GatewayDefaultCertificateUse implements CertificateUsers {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    public Map<String, List<String>> domainsServedWith(Collection<String> certificateIds) {
        return Map.of();
    }

    @Override
    public List<String> otherUsesOf(String certificateId) {
        GatewaySettingsRecord settings = em.find(GatewaySettingsRecord.class, GatewaySettingsRecord.ID);
        return settings != null && certificateId.equals(settings.defaultCertificateId())
                ? List.of("the gateway (as its default certificate)") : List.of();
    }
}
