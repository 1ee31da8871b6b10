package dev.certgate.certificates;

import dev.certgate.api.CertgateException;
import dev.certgate.certificates.model.Certificate;
import dev.certgate.certificates.model.LocalCaRecord;
import dev.certgate.vault.SealedKeyHolder;
import dev.certgate.vault.Vault;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The certificates capability's sealed keys for the vault: every stored certificate's private key and the local
 * CA's. Joins the caller's transaction, but for a re-wrap batch, which is its own.
 */
@Stateless
@PermitAll // internal: no remote view; the vault's service checked the roles
public class CertificateKeyHolder implements SealedKeyHolder {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Rewrapped rewrapBatch(Collection<String> fromKekIds, int limit, Rewrap rewrap) throws CertgateException {
        if (fromKekIds.isEmpty() || limit <= 0) {
            return Rewrapped.NONE;
        }
        int certificates = 0;
        for (Certificate certificate : em.createQuery("select c from Certificate c where c.privateKey.kekId in :from"
                        + " order by c.id", Certificate.class)
                .setParameter("from", fromKekIds).setMaxResults(limit).getResultList()) {
            certificate.resealKey(rewrap.apply(Vault.Owner.CERTIFICATE, certificate.id(), certificate.privateKey()));
            certificates++;
        }
        int others = 0;
        LocalCaRecord localCa = em.find(LocalCaRecord.class, LocalCaKeeper.ID);
        if (localCa != null && certificates < limit && fromKekIds.contains(localCa.privateKey().kekId())) {
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
    public long keysSealed() {
        return keysSealedUnderOtherThan("");
    }

    @Override
    public long keysSealedUnderOtherThan(String kekId) {
        long certificates = em.createQuery("select count(c) from Certificate c where c.privateKey.kekId <> :kek",
                Long.class).setParameter("kek", kekId).getSingleResult();
        return certificates + localCa().filter(ca -> !ca.privateKey().kekId().equals(kekId)).map(ca -> 1L).orElse(0L);
    }

    @Override
    public List<String> rowsSealedUnderNoneOf(Collection<String> kekIds, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        List<String> rows = new ArrayList<>((kekIds.isEmpty()
                ? em.createQuery("select c from Certificate c order by c.id", Certificate.class)
                : em.createQuery("select c from Certificate c where c.privateKey.kekId not in :keys order by c.id",
                        Certificate.class).setParameter("keys", kekIds))
                .setMaxResults(limit)
                .getResultStream()
                .map(c -> c.id() + " (" + c.commonName() + ")")
                .toList());
        localCa().filter(ca -> !kekIds.contains(ca.privateKey().kekId()) && rows.size() < limit)
                .ifPresent(ca -> rows.add(ca.id() + " (the local CA)"));
        return rows;
    }

    private Optional<LocalCaRecord> localCa() {
        return Optional.ofNullable(em.find(LocalCaRecord.class, LocalCaKeeper.ID));
    }
}
