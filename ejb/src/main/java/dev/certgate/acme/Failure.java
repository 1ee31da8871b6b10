package dev.certgate.acme;

import dev.certgate.acme.dns.DnsUpdateException;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.exception.AcmeUnauthorizedException;
import org.shredzone.acme4j.exception.AcmeUserActionRequiredException;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed ACME attempt, classified: its {@link FailureCause}, a message for the operator and, when the CA gave one,
 * the time before which it should not be asked again.
 *
 * @param cause      the class of failure
 * @param message    what went wrong, in words (never a token or key)
 * @param retryAfter the CA's Retry-After, if it sent one
 */
public record Failure(FailureCause cause, String message, Optional<Instant> retryAfter) {

    private static final String ACME_ERROR = "urn:ietf:params:acme:error:";

    /** An HTTP-01 challenge URL as CAs quote it in their problem details: the token is cut off. */
    private static final java.util.regex.Pattern CHALLENGE_TOKEN =
            java.util.regex.Pattern.compile("(/\\.well-known/acme-challenge/)[A-Za-z0-9_-]+");

    public Failure {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfter, "retryAfter");
        message = CHALLENGE_TOKEN.matcher(message).replaceAll("$1...");
    }

    public static Failure of(FailureCause cause, String message) {
        return new Failure(cause, message, Optional.empty());
    }

    /** Classifies a problem document of the CA (RFC 8555 §6.7), e.g. a failed challenge's error. */
    public static Failure ofProblem(Problem problem, String context) {
        String detail = problem.getDetail().orElse(problem.getTitle().orElse(""));
        return of(causeOf(problem.getType()), context + ": " + problem.getType() + (detail.isEmpty() ? ""
                : " (" + detail + ")"));
    }

    /**
     * Classifies the error of a challenge the CA could not validate. There {@code unauthorized} means the CA's
     * validator got a wrong answer (another server answered for the name, say), not that the account is refused:
     * a CA problem, with its type and detail in the message, not an account one.
     */
    public static Failure ofChallengeProblem(Problem problem, String context) {
        Failure failure = ofProblem(problem, context);
        return failure.cause() == FailureCause.ACCOUNT && (ACME_ERROR + "unauthorized").equals(
                String.valueOf(problem.getType())) ? new Failure(FailureCause.CA, failure.message(),
                failure.retryAfter()) : failure;
    }

    /** The class of a CA problem type. */
    static FailureCause causeOf(URI type) {
        String name = type == null ? "" : type.toString();
        if (!name.startsWith(ACME_ERROR)) {
            return FailureCause.CA;
        }
        return switch (name.substring(ACME_ERROR.length())) {
            case "dns", "caa" -> FailureCause.DNS;
            case "connection", "tls", "incorrectResponse" -> FailureCause.CONNECTION;
            case "rateLimited" -> FailureCause.RATE_LIMIT;
            case "accountDoesNotExist", "unauthorized", "userActionRequired", "externalAccountRequired" ->
                    FailureCause.ACCOUNT;
            default -> FailureCause.CA;
        };
    }

    /**
     * Classifies what an attempt threw.
     *
     * @param context what was being done, e.g. "Ordering a certificate for www.example.com from https://..."
     */
    public static Failure classify(Throwable thrown, String context) {
        Objects.requireNonNull(thrown, "thrown");
        if (thrown instanceof AcmeFailureException failed) {
            return failed.failure();
        }
        if (thrown instanceof AcmeRateLimitedException limited) {
            return new Failure(FailureCause.RATE_LIMIT, context + ": rate limited by the CA ("
                    + limited.getProblem().getDetail().orElse(limited.getMessage()) + ")", limited.getRetryAfter());
        }
        if (thrown instanceof AcmeUserActionRequiredException || thrown instanceof AcmeUnauthorizedException) {
            return of(FailureCause.ACCOUNT, context + ": the CA refused the account ("
                    + ((AcmeServerException) thrown).getProblem().getDetail().orElse(thrown.getMessage()) + ")");
        }
        if (thrown instanceof AcmeServerException server) {
            return ofProblem(server.getProblem(), context);
        }
        if (thrown instanceof DnsUpdateException) {
            return of(FailureCause.DNS, context + ": " + thrown.getMessage());
        }
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return of(FailureCause.DNS, context + ": the name " + t.getMessage() + " does not resolve");
            }
            if (t instanceof HttpConnectTimeoutException) {
                return of(FailureCause.TIMEOUT, context + ": connecting timed out");
            }
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return of(FailureCause.TIMEOUT, context + ": the CA did not answer in time");
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return of(FailureCause.CONNECTION, context + ": cannot connect (" + messageOf(t) + ")");
            }
            if (t instanceof javax.net.ssl.SSLException) {
                return of(FailureCause.CONNECTION, context + ": TLS failed (" + messageOf(t)
                        + "); for a private CA, see certgate.acme.trust-file");
            }
        }
        if (thrown instanceof AcmeNetworkException) {
            return of(FailureCause.CONNECTION, context + ": " + messageOf(thrown));
        }
        return of(FailureCause.INTERNAL, context + ": " + messageOf(thrown));
    }

    private static String messageOf(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }
}
