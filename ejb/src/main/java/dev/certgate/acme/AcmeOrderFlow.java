package dev.certgate.acme;

import dev.certgate.acme.dns.Dns01Publisher;
import dev.certgate.acme.dns.DnsUpdateException;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;
import dev.certgate.core.pki.KeySpec;
import dev.certgate.core.renewal.RenewalPolicy;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Certificate;
import org.shredzone.acme4j.Login;
import org.shredzone.acme4j.Metadata;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.OrderBuilder;
import org.shredzone.acme4j.connector.Resource;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;
import org.shredzone.acme4j.RenewalInfo;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Challenge;
import org.shredzone.acme4j.challenge.Dns01Challenge;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.exception.AcmeException;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One ACME order for one domain, from new-order to the downloaded chain (RFC 8555 §7.4): each authorization's
 * challenge published, checked visible (DNS-01), triggered, polled, withdrawn; the order finalized with a fresh key
 * and polled; the chain downloaded; the CA's renewal window read when it offers ARI. Every step has a deadline. No
 * database and no transaction here: the caller stores the result.
 */
public final class AcmeOrderFlow {

    /** How long the CA may take to validate one authorization. */
    public static final Duration VALIDATION_TIMEOUT = Duration.ofSeconds(90);
    /** How long the CA may take to issue once finalized. */
    public static final Duration ISSUANCE_TIMEOUT = Duration.ofSeconds(90);
    /** How long a DNS-01 record may take to become visible. */
    public static final Duration DNS_VISIBLE_TIMEOUT = Duration.ofMinutes(2);

    private static final Set<Status> VALIDATED = Set.of(Status.VALID, Status.INVALID, Status.DEACTIVATED,
            Status.EXPIRED, Status.REVOKED);
    private static final Set<Status> ORDER_READY = Set.of(Status.READY, Status.VALID, Status.INVALID);
    private static final Set<Status> ORDER_DONE = Set.of(Status.VALID, Status.INVALID);

    private AcmeOrderFlow() {
    }

    /**
     * The CA's renewal information for one certificate (RFC 9773).
     *
     * @param window      its suggested renewal window
     * @param explanation the CA's page explaining it, if it gives one
     * @param retryAfter  when to ask again, if the CA said (its Retry-After)
     */
    public record Ari(RenewalPolicy.AriWindow window, Optional<String> explanation, Optional<Instant> retryAfter) {
    }

    /**
     * A certificate obtained: its chain (leaf first), its key, the CA's renewal information if it offers ARI, and
     * the profile the CA says it issued under (empty when it named none).
     */
    public record Issued(List<X509Certificate> chain, KeyPair key, Optional<Ari> ari, Optional<String> profile) {
        public Issued {
            chain = List.copyOf(chain);
        }

        @Override
        public String toString() {
            return "Issued[" + chain.get(0).getSubjectX500Principal() + "]"; // never the key
        }
    }

    /**
     * Orders a certificate for {@code domain}.
     *
     * @param challengeType how the CA checks the name
     * @param dns           the DNS-01 publisher; used only for DNS_01, where it must be present
     * @param profile       the CA's certificate profile to order with; empty for the CA's default
     * @param replacing     the certificate this one replaces (a renewal): named in the order's {@code replaces}
     *                      (RFC 9773 §5) when the CA offers ARI
     */
    public static Issued order(Login login, String domain, ChallengeType challengeType, KeySpec keySpec,
                               ChallengeResponder responder, Optional<Dns01Publisher> dns, Optional<String> profile,
                               Optional<X509Certificate> replacing)
            throws AcmeException, AcmeFailureException, DnsUpdateException, InterruptedException {
        Metadata metadata = login.getSession().getMetadata();
        if (profile.isPresent() && !metadata.isProfileAllowed(profile.get())) {
            // never a silent fallback to the CA's default: the admin chose this profile for a reason
            throw new AcmeFailureException(Failure.of(FailureCause.CONFIGURATION, "The CA does not offer the "
                    + "certificate profile '" + profile.get() + "' chosen for " + domain + " (" + offered(metadata)
                    + "). Choose one it offers for the domain or as the account's default."));
        }
        boolean ari = login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
        Order order;
        try {
            order = newOrder(login, domain, profile, replacing.filter(c -> ari)).create();
        } catch (AcmeServerException e) {
            if (replacing.isEmpty() || !ari || !String.valueOf(e.getType()).endsWith(":alreadyReplaced")) {
                throw e;
            }
            // an earlier order already named the certificate it replaces (and was not finished): order without
            order = newOrder(login, domain, profile, Optional.empty()).create();
        }
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() != Status.VALID) {
                authorize(authorization, challengeType, responder, dns);
            }
        }
        Status ready = Polling.until(order, ORDER_READY, Instant.now().plus(VALIDATION_TIMEOUT),
                "order for " + domain);
        if (ready == Status.INVALID) {
            throw invalid(order.getError(), "The CA marked the order for " + domain + " invalid");
        }
        KeyPair key = keySpec.generate();
        if (ready == Status.READY) {
            order.execute(key);
        }
        Status done = Polling.until(order, ORDER_DONE, Instant.now().plus(ISSUANCE_TIMEOUT),
                "issuance for " + domain);
        if (done != Status.VALID) {
            throw invalid(order.getError(), "The CA did not issue the certificate for " + domain);
        }
        Certificate certificate = order.getCertificate();
        certificate.download();
        Optional<String> issuedProfile = order.getJSON().get("profile").optional().map(JSON.Value::asString);
        return new Issued(certificate.getCertificateChain(), key,
                ari ? renewalInfo(login, certificate.getCertificate()) : Optional.empty(), issuedProfile);
    }

    /**
     * A new order. acme4j 4.0 speaks both fields this needs: {@code profile} (draft-aaron-acme-profiles) and
     * {@code replaces} (RFC 9773 §5, the ARI certificate id computed from the certificate's AKI and serial).
     */
    private static OrderBuilder newOrder(Login login, String domain, Optional<String> profile,
                                         Optional<X509Certificate> replacing) {
        OrderBuilder builder = login.newOrder().domain(domain);
        profile.ifPresent(builder::profile);
        replacing.ifPresent(builder::replaces);
        return builder;
    }

    /** The profiles a CA offers, for a message: "it offers a, b" or "it offers none". */
    static String offered(Metadata metadata) {
        return metadata.getProfiles().isEmpty() ? "it offers no profiles"
                : "it offers " + String.join(", ", new java.util.TreeSet<>(metadata.getProfiles()));
    }

    /**
     * The CA's renewal information (RFC 9773) for {@code certificate}; empty when the CA offers no ARI or on any
     * trouble (ARI is advice: without it the lifetime rule decides).
     */
    public static Optional<Ari> renewalInfo(Login login, X509Certificate certificate) {
        try {
            if (login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isEmpty()) {
                return Optional.empty();
            }
            RenewalInfo info = login.bindRenewalInfo(certificate);
            Optional<Instant> retryAfter = info.fetch();
            return Optional.of(new Ari(new RenewalPolicy.AriWindow(info.getSuggestedWindowStart(),
                    info.getSuggestedWindowEnd()), info.getExplanation().map(Object::toString), retryAfter));
        } catch (AcmeException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether the CA offers ARI (its directory names a renewalInfo resource). */
    public static boolean offersRenewalInfo(Login login) throws AcmeException {
        return login.getSession().resourceUrlOptional(Resource.RENEWAL_INFO).isPresent();
    }

    private static void authorize(Authorization authorization, ChallengeType challengeType,
                                  ChallengeResponder responder, Optional<Dns01Publisher> dns)
            throws AcmeException, AcmeFailureException, DnsUpdateException, InterruptedException {
        String name = authorization.getIdentifier().getDomain();
        HostName host = HostName.of(name); // the CA names what we ordered (ASCII)
        List<Runnable> cleanup = new ArrayList<>();
        Challenge challenge;
        try {
            switch (challengeType) {
                case HTTP_01 -> {
                    Http01Challenge http = offered(authorization, Http01Challenge.class, name, challengeType);
                    responder.publish(ChallengeType.HTTP_01, http.getToken(), host, http.getAuthorization());
                    cleanup.add(() -> responder.withdraw(http.getToken()));
                    challenge = http;
                }
                case TLS_ALPN_01 -> {
                    TlsAlpn01Challenge alpn = offered(authorization, TlsAlpn01Challenge.class, name, challengeType);
                    String token = alpn.getJSON().get("token").asString();
                    responder.publish(ChallengeType.TLS_ALPN_01, token, host, alpn.getAuthorization());
                    cleanup.add(() -> responder.withdraw(token));
                    challenge = alpn;
                }
                case DNS_01 -> {
                    Dns01Challenge txt = offered(authorization, Dns01Challenge.class, name, challengeType);
                    Dns01Publisher publisher = dns.orElseThrow(() -> new AcmeFailureException(Failure.of(
                            FailureCause.CONFIGURATION, "DNS-01 for " + name + " needs a DNS provider: set the "
                                    + "system property certgate.acme.dns.provider (see the README).")));
                    String record = txt.getRRName(authorization.getIdentifier());
                    String digest = txt.getDigest();
                    publisher.publish(record, digest);
                    cleanup.add(() -> {
                        try {
                            publisher.remove(record, digest);
                        } catch (DnsUpdateException e) {
                            throw new IllegalStateException(e.getMessage(), e);
                        }
                    });
                    publisher.awaitVisible(record, digest, DNS_VISIBLE_TIMEOUT);
                    challenge = txt;
                }
                default -> throw new IllegalArgumentException("unknown challenge type " + challengeType);
            }
            challenge.trigger();
            Status status = Polling.until(challenge, VALIDATED, Instant.now().plus(VALIDATION_TIMEOUT),
                    "validation of " + name + " (" + challengeType + ")");
            if (status != Status.VALID) {
                throw new AcmeFailureException(challenge.getError().map(p -> Failure.ofChallengeProblem(p,
                        "The CA could not validate " + name + " with " + challengeType)).orElse(Failure.of(
                        FailureCause.CA, "The CA could not validate " + name + " with " + challengeType + ".")));
            }
        } finally {
            for (Runnable step : cleanup) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    dev.certgate.logging.CertgateLog.acmeCleanupFailed(name, e.getMessage());
                }
            }
        }
    }

    private static <C extends Challenge> C offered(Authorization authorization, Class<C> type, String name,
                                                   ChallengeType challengeType) throws AcmeFailureException {
        return authorization.findChallenge(type).orElseThrow(() -> new AcmeFailureException(Failure.of(
                FailureCause.CA, "The CA does not offer " + challengeType + " for " + name + "; choose another "
                        + "challenge type for this domain.")));
    }

    private static AcmeFailureException invalid(Optional<org.shredzone.acme4j.Problem> problem, String context) {
        return new AcmeFailureException(problem.map(p -> Failure.ofProblem(p, context))
                .orElse(Failure.of(FailureCause.CA, context + ".")));
    }
}
