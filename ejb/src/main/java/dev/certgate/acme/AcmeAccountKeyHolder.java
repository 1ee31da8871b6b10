package dev.certgate.acme;

import dev.certgate.acme.model.AcmeAccountRecord;
import dev.certgate.api.CertgateException;
import dev.certgate.vault.SealedKeyHolder;
import dev.certgate.vault.Vault;
import dev.certgate.vault.model.SealedKey;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * ACME's sealed keys for the vault: the account key, when the CA asked for EAB its HMAC key, and the new account key
 * of a rollover under way.
 */
@Stateless
@PermitAll // internal: no remote view; the vault's service checked the roles
public class AcmeAccountKeyHolder implements SealedKeyHolder {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Rewrapped rewrapBatch(Collection<String> fromKekIds, int limit, Rewrap rewrap) throws CertgateException {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        if (account == null || limit <= 0) {
            return Rewrapped.NONE;
        }
        int resealed = 0;
        if (fromKekIds.contains(account.accountKey().kekId())) {
            account.resealAccountKey(rewrap.apply(Vault.Owner.ACME_ACCOUNT, account.id(), account.accountKey()));
            resealed++;
        }
        if (account.eabHmacKey().isPresent() && fromKekIds.contains(account.eabHmacKey().get().kekId())) {
            account.resealEabHmacKey(rewrap.apply(Vault.Owner.ACME_EAB, account.id(), account.eabHmacKey().get()));
            resealed++;
        }
        if (account.pendingKey().isPresent() && fromKekIds.contains(account.pendingKey().get().kekId())) {
            // the key of a rollover under way: sealed as the account key is (same owner and row)
            account.resealPendingKey(rewrap.apply(Vault.Owner.ACME_ACCOUNT, account.id(), account.pendingKey().get()));
            resealed++;
        }
        return new Rewrapped(0, resealed);
    }

    @Override
    public long certificateKeysSealedUnder(String kekId) {
        return 0;
    }

    @Override
    public long keysSealedUnder(String kekId) {
        return keys().filter(key -> key.kekId().equals(kekId)).count();
    }

    @Override
    public long keysSealed() {
        return keysSealedUnderOtherThan("");
    }

    @Override
    public long keysSealedUnderOtherThan(String kekId) {
        return keys().filter(key -> !key.kekId().equals(kekId)).count();
    }

    @Override
    public List<String> rowsSealedUnderNoneOf(Collection<String> kekIds, int limit) {
        return limit > 0 && keys().anyMatch(key -> !kekIds.contains(key.kekId()))
                ? List.of(AcmeAccountRecord.ID + " (the ACME account)") : List.of();
    }

    private Stream<SealedKey> keys() {
        return Optional.ofNullable(em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID))
                .map(account -> Stream.of(Stream.of(account.accountKey()), account.eabHmacKey().stream(),
                        account.pendingKey().stream()).flatMap(keys -> keys))
                .orElseGet(Stream::empty);
    }
}
