package dev.certgate.acme;

import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;

/**
 * Where the answers to HTTP-01 and TLS-ALPN-01 challenges are published so that the gateway of any node can give
 * them to the CA.
 */
public interface ChallengeResponder {

    /**
     * Publishes the key authorization for {@code token} on {@code domain}.
     *
     * @param type {@code HTTP_01} or {@code TLS_ALPN_01}, the challenges the gateway answers
     */
    void publish(ChallengeType type, String token, HostName domain, String keyAuthorization);

    /** Withdraws it; unknown is not an error. */
    void withdraw(String token);
}
