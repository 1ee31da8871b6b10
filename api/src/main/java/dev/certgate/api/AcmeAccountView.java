package dev.certgate.api;

import java.io.Serializable;

/**
 * The ACME account as the API shows it; never a key.
 *
 * @param directoryUrl   the CA's directory; null when no account is configured
 * @param email          the contact; null when none
 * @param termsOfService the CA's terms (from its directory), null when it names none
 * @param termsAgreed    whether the admin agreed to them
 * @param status         {@code VALID}, {@code DEACTIVATED}, {@code REVOKED} as the CA says, or {@code NONE}
 * @param eabKeyId       the External Account Binding key id used, null when none
 * @param keyType        the account key's type ({@code EC_P256}, ...), null when no account is configured (or its
 *                       key is of none of those types)
 * @param defaultProfile the CA's certificate profile for domains that name none; null for the CA's default
 * @param reregisteredAt when certgate last registered the account again by itself because the CA had forgotten
 *                       it (audited and alerted); null if never
 */
public record AcmeAccountView(String directoryUrl, String email, String termsOfService, boolean termsAgreed,
                              String status, String eabKeyId, KeyType keyType, String defaultProfile,
                              java.time.Instant reregisteredAt) implements Serializable {

    /** No account is configured yet. */
    public static AcmeAccountView none() {
        return new AcmeAccountView(null, null, null, false, "NONE", null, null, null, null);
    }
}
