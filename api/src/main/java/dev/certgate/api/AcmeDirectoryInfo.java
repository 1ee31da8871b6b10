package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * What an ACME directory says about its CA, read before an account is saved so the admin can read the terms first.
 *
 * @param directoryUrl            the directory's URL (a preset resolved)
 * @param termsOfService          the CA's terms of service, null when it names none
 * @param website                 the CA's website, null when it names none
 * @param externalAccountRequired whether the CA requires External Account Binding (an EAB key id and HMAC key)
 * @param profiles                the certificate profiles the CA offers (draft-aaron-acme-profiles), with its own
 *                                descriptions, by name; empty when it offers none
 * @param renewalInfo             whether the CA offers renewal information (RFC 9773, ARI)
 */
public record AcmeDirectoryInfo(String directoryUrl, String termsOfService, String website,
                                boolean externalAccountRequired, List<Profile> profiles, boolean renewalInfo)
        implements Serializable {

    public AcmeDirectoryInfo {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    /**
     * A certificate profile a CA offers.
     *
     * @param name        the name to order with
     * @param description the CA's description (text or a URL, as the CA gives it)
     */
    public record Profile(String name, String description) implements Serializable {
    }
}
