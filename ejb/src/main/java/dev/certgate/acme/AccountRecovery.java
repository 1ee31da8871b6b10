package dev.certgate.acme;

import dev.certgate.api.KeyType;
import dev.certgate.core.pki.KeySpec;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeProtocolException;
import org.shredzone.acme4j.exception.AcmeServerException;

import javax.crypto.spec.SecretKeySpec;
import java.security.KeyPair;
import java.util.Arrays;

/**
 * Registers the account again at a CA that has forgotten it (RFC 8555 {@code accountDoesNotExist}: a restarted
 * test CA, a staging reset, an account deleted on the CA's side). The admin agreed to the CA's terms when the account
 * was saved; the same contact, a new key of the stored type and, when the CA requires External Account Binding, the
 * stored EAB key are used. A CA that requires EAB when none is stored, or refuses the stored one, is a failure for the
 * admin ({@link FailureCause#CONFIGURATION}), never retried in a loop. No database here: the caller keeps the result.
 */
final class AccountRecovery {

    private AccountRecovery() {
    }

    /** The account the CA registered: its URL and status, and its key. */
    record Registered(String accountUrl, String status, KeyPair key) {
        @Override
        public String toString() {
            return "Registered[" + accountUrl + ", " + status + "]"; // never the key
        }
    }

    /** Whether {@code thrown} says the CA does not know the account (any more). */
    static boolean isForgotten(Throwable thrown) {
        return thrown instanceof AcmeServerException server
                && String.valueOf(server.getType()).equals("urn:ietf:params:acme:error:accountDoesNotExist");
    }

    static Registered register(Session session, AcmeStore.Recovery recovery) throws AcmeFailureException {
        String at = "the CA at " + recovery.directoryUrl();
        try {
            Metadata metadata = session.getMetadata();
            if (metadata.isExternalAccountRequired() && recovery.eabKeyId() == null) {
                throw new AcmeFailureException(Failure.of(FailureCause.CONFIGURATION, "The ACME account "
                        + recovery.forgottenUrl() + " is no longer known to " + at + ", which requires External "
                        + "Account Binding for a new one, and no EAB key is stored: an admin saves the account "
                        + "again with the EAB key id and HMAC key from the CA."));
            }
            KeySpec keySpec = keySpec(recovery.keyType());
            KeyPair key = keySpec.generate();
            AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
            if (recovery.email() != null) {
                builder.addEmail(recovery.email());
            }
            if (recovery.eabKeyId() != null && metadata.isExternalAccountRequired()) {
                builder.withKeyIdentifier(recovery.eabKeyId(), new SecretKeySpec(recovery.eabHmacKey(), "HMAC"));
            }
            Account account;
            try {
                account = builder.create(session);
            } catch (AcmeServerException e) {
                if (recovery.eabKeyId() != null && metadata.isExternalAccountRequired()) {
                    throw new AcmeFailureException(Failure.of(FailureCause.CONFIGURATION, "The ACME account "
                            + recovery.forgottenUrl() + " is no longer known to " + at + ", and it refused to "
                            + "register it again with the stored EAB key id " + recovery.eabKeyId() + " ("
                            + e.getProblem().getDetail().orElse(String.valueOf(e.getType())) + "): an admin saves "
                            + "the account again with a current EAB key from the CA."));
                }
                throw e;
            }
            return new Registered(account.getLocation().toString(), account.getStatus().name(), key);
        } catch (AcmeException | AcmeProtocolException e) {
            throw new AcmeFailureException(Failure.classify(e, "Registering the ACME account again at "
                    + recovery.directoryUrl() + " (the CA no longer knew " + recovery.forgottenUrl() + ")"));
        } finally {
            if (recovery.eabHmacKey() != null) {
                Arrays.fill(recovery.eabHmacKey(), (byte) 0);
            }
        }
    }

    /** The stored key type; an account key of another kind (none certgate makes) gets the default. */
    private static KeySpec keySpec(String stored) {
        for (KeyType type : KeyType.values()) {
            if (type.name().equals(stored)) {
                return KeySpec.forType(type);
            }
        }
        return KeySpec.DEFAULT;
    }
}
