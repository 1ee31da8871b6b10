package dev.certgate.api;

import java.io.Serializable;

/**
 * What an ACME directory says about its CA, read before an account is saved so the admin can read the terms first.
 *
 * @param directoryUrl            the directory's URL (a preset resolved)
 * @param termsOfService          the CA's terms of service, null when it names none
 * @param website                 the CA's website, null when it names none
 * @param externalAccountRequired whether the CA requires External Account Binding (an EAB key id and HMAC key)
 */
public record AcmeDirectoryInfo(String directoryUrl, String termsOfService, String website,
                                boolean externalAccountRequired) implements Serializable {
}
