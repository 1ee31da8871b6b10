package dev.certgate.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.certificates.model.Certificate;
import dev.certgate.certificates.model.LocalCaRecord;
import dev.certgate.vault.SealedKeyHolder;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The certificates capability's sealed keys for the vault: every stored certificate's private key and the local
 * CA's. Joins the caller's transaction.
 */
@Stateless
@PermitAll // internal: no remote view; the vault's service checked the roles
public class CertificateKeyHolder implements SealedKeyHolder {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    public Rewrapped rewrapAll(Rewrap rewrap) throws CertgateException {
        int certificates = 0;
        for (Certificate certificate : em.createQuery("select c from Certificate c", Certificate.class)
                .getResultList()) {
            certificate.resealKey(rewrap.apply(Vault.Owner.CERTIFICATE, certificate.id(), certificate.privateKey()));
            certificates++;
        }
        int others = 0;
        LocalCaRecord localCa = em.find(LocalCaRecord.class, LocalCaKeeper.ID);
        if (localCa != null) {
            localCa.resealKey(rewrap.apply(Vault.Owner.LOCAL_CA, localCa.id(), localCa.privateKey()));
            others++;
        }
        return new Rewrapped(certificates, others);
    }

    @Override
    public long certificateKeysSealedUnder(String kekId) {
        return em.createQuery("select count(c) from Certificate c where c.privateKey.kekId = :kek", Long.class)
                .setParameter("kek", kekId).getSingleResult();
    }

    @Override
    public long keysSealedUnder(String kekId) {
        return certificateKeysSealedUnder(kekId) + localCa().filter(ca -> ca.privateKey().kekId().equals(kekId))
                .map(ca -> 1L).orElse(0L);
    }

    @Override
    public long keysSealedUnderOtherThan(String kekId) {
        long certificates = em.createQuery("select count(c) from Certificate c where c.privateKey.kekId <> :kek",
                Long.class).setParameter("kek", kekId).getSingleResult();
        return certificates + localCa().filter(ca -> !ca.privateKey().kekId().equals(kekId)).map(ca -> 1L).orElse(0L);
    }

    @Override
    public List<String> rowsSealedUnderOtherThan(String kekId, int limit) {
        List<String> rows = new ArrayList<>(em.createQuery(
                        "select c from Certificate c where c.privateKey.kekId <> :kek order by c.id", Certificate.class)
                .setParameter("kek", kekId)
                .setMaxResults(limit)
                .getResultStream()
                .map(c -> c.id() + " (" + c.commonName() + ")")
                .toList());
        localCa().filter(ca -> !ca.privateKey().kekId().equals(kekId) && rows.size() < limit)
                .ifPresent(ca -> rows.add(ca.id() + " (the local CA)"));
        return rows;
    }

    private Optional<LocalCaRecord> localCa() {
        return Optional.ofNullable(em.find(LocalCaRecord.class, LocalCaKeeper.ID));
    }
}
