package dev.certgate.served;

import dev.certgate.applications.DomainDirectory;
import dev.certgate.certificates.CertificateDirectory;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.served.ServedJudge;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the store says each name is served with: read in one transaction of its own, public chains only. */
@Stateless
@PermitAll // internal: no remote view
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ServedStore {

    @EJB
    private CertificateDirectory certificates;

    @EJB
    private DomainDirectory domains;

    /** Every name to check, with the stored certificates that may serve it (see {@link ServedJudge#names}). */
    public Map<String, List<ServedJudge.Stored>> names() {
        List<ServedJudge.Stored> stored = new ArrayList<>();
        for (CertificateDirectory.PublicChain chain : certificates.publicChains()) {
            try {
                stored.add(new ServedJudge.Stored(chain.id(), Pem.readStoredCertificates(chain.chainPem()),
                        chain.names()));
            } catch (RuntimeException unreadable) {
                // a row whose chain does not read cannot be served either: its names are checked against the others
                dev.certgate.logging.CertgateLog.servedChainUnreadable(chain.id(), unreadable);
            }
        }
        Map<String, String> bound = new HashMap<>();
        for (DomainDirectory.DomainRoute route : domains.routes()) {
            route.certificateId().ifPresent(id -> bound.put(route.domain(), id));
        }
        return ServedJudge.names(stored, bound);
    }
}
