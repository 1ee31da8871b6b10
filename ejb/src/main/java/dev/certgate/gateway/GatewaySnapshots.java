package dev.certgate.gateway;

import dev.certgate.api.CertgateException;
import dev.certgate.certificates.Certificate;
import dev.certgate.logging.CertgateLog;
import dev.certgate.pki.Pem;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds a gateway snapshot from the stored certificates: reads each chain and opens each key with the vault. A
 * certificate that cannot be opened (another installation's key, altered row) is left out and logged, never fatal.
 */
@Stateless
@PermitAll // internal: no remote view; the calling service checked the roles
public class GatewaySnapshots {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private Vault vault;

    /** A snapshot of every servable certificate, as committed now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public SniSnapshot load() {
        List<ServedCertificate> served = new ArrayList<>();
        for (Certificate c : em.createNamedQuery(Certificate.ALL_BY_NOT_AFTER, Certificate.class).getResultList()) {
            try {
                served.add(new ServedCertificate(c.id(), Pem.readCertificates(c.chainPem()),
                        vault.open(c.id(), c.privateKey()), c.names()));
            } catch (CertgateException e) {
                CertgateLog.certificateUnreadable(c.id(), c.commonName(), e.getMessage());
            }
        }
        return SniSnapshot.of(served);
    }
}
