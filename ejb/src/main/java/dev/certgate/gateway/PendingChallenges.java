package dev.certgate.gateway;

import dev.certgate.api.ChallengeType;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The ACME challenges the gateway answers, as of its last snapshot: HTTP-01 answers by token, TLS-ALPN-01 answers by
 * name. Immutable and replaced with the snapshot, so answering one (or a miss) never reads the database: an
 * unauthenticated request to {@code /.well-known/acme-challenge/} or a ClientHello offering only {@code acme-tls/1}
 * costs a map lookup, whatever a client sends.
 */
public final class PendingChallenges {

    private static final PendingChallenges NONE = new PendingChallenges(List.of());

    /** One published challenge, as {@link ChallengeStore} stores it. */
    public record Pending(ChallengeType type, String token, String domain, String keyAuthorization,
                          Instant expiresAt) {
        public Pending {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(token, "token");
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(keyAuthorization, "keyAuthorization");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }

        boolean answersAt(Instant now) {
            return now.isBefore(expiresAt);
        }
    }

    private final Map<String, Pending> http01ByToken;
    private final Map<String, Pending> tlsAlpn01ByDomain;

    private PendingChallenges(List<Pending> pending) {
        Map<String, Pending> byToken = new HashMap<>();
        Map<String, Pending> byDomain = new HashMap<>();
        for (Pending challenge : pending) {
            switch (challenge.type()) {
                case HTTP_01 -> byToken.put(challenge.token(), challenge);
                // several orders for one name: the one answering longest, as the store's query chose before
                case TLS_ALPN_01 -> byDomain.merge(challenge.domain(), challenge,
                        (a, b) -> a.expiresAt().isAfter(b.expiresAt()) ? a : b);
                case DNS_01 -> {
                    // published in DNS, never by the gateway
                }
            }
        }
        this.http01ByToken = Map.copyOf(byToken);
        this.tlsAlpn01ByDomain = Map.copyOf(byDomain);
    }

    public static PendingChallenges of(List<Pending> pending) {
        return pending.isEmpty() ? NONE : new PendingChallenges(pending);
    }

    public static PendingChallenges none() {
        return NONE;
    }

    /** The key authorization to answer for the HTTP-01 {@code token}, unless unknown or expired at {@code now}. */
    public Optional<String> http01(String token, Instant now) {
        Pending challenge = token == null ? null : http01ByToken.get(token);
        return challenge != null && challenge.answersAt(now) ? Optional.of(challenge.keyAuthorization())
                : Optional.empty();
    }

    /**
     * The key authorization of the TLS-ALPN-01 challenge pending for {@code domain} (as {@code HostName#toString()}
     * writes it), unless none or expired at {@code now}.
     */
    public Optional<String> tlsAlpn01(String domain, Instant now) {
        Pending challenge = domain == null ? null : tlsAlpn01ByDomain.get(domain);
        return challenge != null && challenge.answersAt(now) ? Optional.of(challenge.keyAuthorization())
                : Optional.empty();
    }

    /** How many challenges this holds. */
    public int size() {
        return http01ByToken.size() + tlsAlpn01ByDomain.size();
    }
}
