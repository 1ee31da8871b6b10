package dev.certgate.acme;

import dev.certgate.acme.model.AcmeAccountRecord;
import dev.certgate.api.CertgateException;
import dev.certgate.vault.SealedKeyHolder;
import dev.certgate.vault.Vault;
import dev.certgate.vault.model.SealedKey;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** ACME's sealed keys for the vault: the account key and, when the CA asked for EAB, its HMAC key. */
@Stateless
@PermitAll // internal: no remote view; the vault's service checked the roles
public class AcmeAccountKeyHolder implements SealedKeyHolder {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    public Rewrapped rewrapAll(Rewrap rewrap) throws CertgateException {
        AcmeAccountRecord account = em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID);
        if (account == null) {
            return Rewrapped.NONE;
        }
        account.resealAccountKey(rewrap.apply(Vault.Owner.ACME_ACCOUNT, account.id(), account.accountKey()));
        if (account.eabHmacKey().isPresent()) {
            account.resealEabHmacKey(rewrap.apply(Vault.Owner.ACME_EAB, account.id(), account.eabHmacKey().get()));
        }
        return new Rewrapped(0, 1); // the EAB key goes with its account, as the rotation has always counted it
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
    public long keysSealedUnderOtherThan(String kekId) {
        return keys().filter(key -> !key.kekId().equals(kekId)).count();
    }

    @Override
    public List<String> rowsSealedUnderOtherThan(String kekId, int limit) {
        return keysSealedUnderOtherThan(kekId) > 0 && limit > 0 ? List.of(AcmeAccountRecord.ID + " (the ACME account)")
                : List.of();
    }

    private Stream<SealedKey> keys() {
        return Optional.ofNullable(em.find(AcmeAccountRecord.class, AcmeAccountRecord.ID))
                .map(account -> Stream.concat(Stream.of(account.accountKey()), account.eabHmacKey().stream()))
                .orElseGet(Stream::empty);
    }
}
