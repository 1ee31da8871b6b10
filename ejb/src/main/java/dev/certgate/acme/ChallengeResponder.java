package dev.certgate.acme;

/**
 * Where the answers to HTTP-01 and TLS-ALPN-01 challenges are published so that the gateway of any node can give
 * them to the CA.
 */
public interface ChallengeResponder {

    /** The kinds of challenge answered by the gateway. */
    enum Kind { HTTP_01, TLS_ALPN_01 }

    /** Publishes the key authorization for {@code token} on {@code domain}. */
    void publish(Kind kind, String token, String domain, String keyAuthorization);

    /** Withdraws it; unknown is not an error. */
    void withdraw(String token);
}
