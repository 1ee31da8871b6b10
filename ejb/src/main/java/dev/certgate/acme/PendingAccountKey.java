package dev.certgate.acme;

import dev.certgate.api.CertgateException;
import dev.certgate.logging.CertgateLog;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;

import java.security.KeyPair;
import java.util.Optional;

/**
 * Resolves a new account key left pending by a rollover that did not finish (the server stopped, or the CA did not
 * answer, between sending the key and promoting it; see {@link KeyRollover}): at the next use of the account, the CA
 * is asked, signed with the pending key, for the account it knows by that key (RFC 8555 §7.3.1
 * {@code onlyReturnExisting}). It is the account: the pending key is the account key from now on. The CA does not
 * know that key ({@code accountDoesNotExist}): dropped, the stored key stays. No answer: left pending, asked again
 * at the next use.
 */
final class PendingAccountKey {

    private PendingAccountKey() {
    }

    /** The account to use: as given, or with the pending key when the CA knows the account by it. */
    static AcmeStore.AccountAccess resolve(AcmeStore store, Session session, AcmeStore.AccountAccess account)
            throws CertgateException {
        Optional<KeyPair> pending = store.pendingKey();
        if (pending.isEmpty()) {
            return account;
        }
        Account found;
        try {
            found = new AccountBuilder().onlyExisting().useKeyPair(pending.get()).create(session);
        } catch (AcmeException | RuntimeException e) {
            if (AccountRecovery.isForgotten(e)) {
                store.dropPendingKey(pending.get().getPublic());
                CertgateLog.acmeAccountKeyPendingResolved(account.accountUrl(), false);
            }
            return account; // no answer: asked again at the next use
        }
        if (!found.getLocation().toString().equals(account.accountUrl())) {
            store.dropPendingKey(pending.get().getPublic()); // another account's key: never this one's
            CertgateLog.acmeAccountKeyPendingResolved(account.accountUrl(), false);
            return account;
        }
        store.promotePendingKey(pending.get().getPublic(), ", found at the CA by that key after the rollover was "
                + "interrupted");
        CertgateLog.acmeAccountKeyPendingResolved(account.accountUrl(), true);
        return new AcmeStore.AccountAccess(account.directoryUrl(), account.accountUrl(), pending.get());
    }
}
