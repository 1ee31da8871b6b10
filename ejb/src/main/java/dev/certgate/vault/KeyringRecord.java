package dev.certgate.vault;

import dev.certgate.api.AuditAction;
import dev.certgate.audit.AuditLog;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the database records of the keyring (tables {@code instance_keyring} and {@code instance_key}): which key is
 * active, and when each key was staged, activated and retired. Never a key. Each method is its own short
 * transaction, committed when it returns: a node acts on what every node can read.
 */
@Stateless
@PermitAll // internal: called by the vault's beans, which checked the roles
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class KeyringRecord {

    /** A key's history. */
    public record Entry(String keyId, boolean activated, boolean retired) {
    }

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private AuditLog audit;

    /** Records a step of the rotation in the audit log (its own transaction: the rotation's steps hold none). */
    public void audit(AuditAction action, String target, String summary) {
        audit.record(action, target, summary);
    }

    /** The active key's id, empty before the first start recorded one. */
    public Optional<String> active() {
        Object id = em.createNativeQuery("SELECT active_key_id FROM instance_keyring WHERE id = 1")
                .getSingleResult();
        return Optional.ofNullable((String) id);
    }

    /** Every key recorded, oldest first. */
    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        for (Object item : em.createNativeQuery("SELECT key_id, activated_at, retired_at FROM instance_key"
                + " ORDER BY staged_at, key_id").getResultList()) {
            Object[] row = (Object[]) item;
            entries.add(new Entry((String) row[0], row[1] != null, row[2] != null));
        }
        return entries;
    }

    /**
     * Records {@code keyId} as the active key when none is recorded yet (first start, or the upgrade from the
     * single-key file).
     *
     * @return the active key after this call: {@code keyId}, or the one another node recorded first
     */
    public String recordFirst(String keyId) {
        int updated = em.createNativeQuery("UPDATE instance_keyring SET active_key_id = ?1 WHERE id = 1"
                + " AND active_key_id IS NULL").setParameter(1, keyId).executeUpdate();
        if (updated == 1) {
            insert(keyId);
            em.createNativeQuery("UPDATE instance_key SET activated_at = CURRENT_TIMESTAMP(6) WHERE key_id = ?1")
                    .setParameter(1, keyId).executeUpdate();
        }
        return active().orElseThrow();
    }

    /** Records a staged key (written to the keyring file before this is called). */
    public void recordStaged(String keyId) {
        insert(keyId);
    }

    /**
     * Makes {@code keyId} the active key, if {@code expectedActive} still is.
     *
     * @return false when another node changed the active key meanwhile (nothing changed)
     */
    public boolean activate(String expectedActive, String keyId) {
        int updated = em.createNativeQuery("UPDATE instance_keyring SET active_key_id = ?1 WHERE id = 1"
                        + " AND active_key_id = ?2").setParameter(1, keyId).setParameter(2, expectedActive)
                .executeUpdate();
        if (updated == 1) {
            em.createNativeQuery("UPDATE instance_key SET activated_at = CURRENT_TIMESTAMP(6) WHERE key_id = ?1")
                    .setParameter(1, keyId).executeUpdate();
        }
        return updated == 1;
    }

    /**
     * Records {@code keyId} as retired, unless it is the active key.
     *
     * @return false when it is the active key or retired already
     */
    public boolean retire(String keyId) {
        return em.createNativeQuery("UPDATE instance_key SET retired_at = CURRENT_TIMESTAMP(6) WHERE key_id = ?1"
                        + " AND retired_at IS NULL AND key_id <> (SELECT active_key_id FROM instance_keyring"
                        + " WHERE id = 1)")
                .setParameter(1, keyId).executeUpdate() == 1;
    }

    private void insert(String keyId) {
        long known = ((Number) em.createNativeQuery("SELECT COUNT(*) FROM instance_key WHERE key_id = ?1")
                .setParameter(1, keyId).getSingleResult()).longValue();
        if (known == 0) {
            em.createNativeQuery("INSERT INTO instance_key (key_id, staged_at) VALUES (?1, CURRENT_TIMESTAMP(6))")
                    .setParameter(1, keyId).executeUpdate();
        }
    }
}
