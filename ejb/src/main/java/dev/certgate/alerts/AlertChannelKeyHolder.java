package dev.certgate.alerts;

import dev.certgate.alerts.model.AlertChannel;
import dev.certgate.api.CertgateException;
import dev.certgate.vault.SealedKeyHolder;
import dev.certgate.vault.Vault;
import dev.certgate.vault.model.SealedKey;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;

/** The alerts' sealed secrets for the vault: each webhook's signing secret. */
@Stateless
@PermitAll // internal: no remote view; the vault's service checked the roles
public class AlertChannelKeyHolder implements SealedKeyHolder {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Override
    public Rewrapped rewrapAll(Rewrap rewrap) throws CertgateException {
        int n = 0;
        for (AlertChannel channel : webhooks()) {
            channel.reseal(rewrap.apply(Vault.Owner.ALERT_WEBHOOK, channel.id(), channel.secret().orElseThrow()));
            n++;
        }
        return new Rewrapped(0, n);
    }

    @Override
    public long certificateKeysSealedUnder(String kekId) {
        return 0;
    }

    @Override
    public long keysSealedUnder(String kekId) {
        return webhooks().stream().filter(c -> kekId.equals(kek(c))).count();
    }

    @Override
    public long keysSealedUnderOtherThan(String kekId) {
        return webhooks().stream().filter(c -> !kekId.equals(kek(c))).count();
    }

    @Override
    public List<String> rowsSealedUnderOtherThan(String kekId, int limit) {
        return webhooks().stream().filter(c -> !kekId.equals(kek(c))).limit(Math.max(0, limit))
                .map(c -> c.id() + " (the webhook " + c.target() + ")").toList();
    }

    private List<AlertChannel> webhooks() {
        return em.createQuery("select c from AlertChannel c where c.kind = :kind", AlertChannel.class)
                .setParameter("kind", AlertChannel.Kind.WEBHOOK).getResultList();
    }

    private static String kek(AlertChannel channel) {
        return channel.secret().map(SealedKey::kekId).orElse("");
    }
}
