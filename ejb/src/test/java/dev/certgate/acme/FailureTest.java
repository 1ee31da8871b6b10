package dev.certgate.acme;

import dev.certgate.acme.dns.DnsUpdateException;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeRateLimitedException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

import java.net.ConnectException;
import java.net.URI;
import java.net.URL;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FailureTest {

    private static Problem problem(String type, String detail) throws Exception {
        return new Problem(JSON.parse("{\"type\": \"" + type + "\", \"detail\": \"" + detail + "\"}"),
                new URL("https://ca.test/acme"));
    }

    @Test
    void classifiesTheCasProblemTypes() throws Exception {
        assertEquals(FailureCause.DNS, Failure.causeOf(URI.create("urn:ietf:params:acme:error:dns")));
        assertEquals(FailureCause.CONNECTION, Failure.causeOf(URI.create("urn:ietf:params:acme:error:connection")));
        assertEquals(FailureCause.CONNECTION,
                Failure.causeOf(URI.create("urn:ietf:params:acme:error:incorrectResponse")));
        assertEquals(FailureCause.RATE_LIMIT, Failure.causeOf(URI.create("urn:ietf:params:acme:error:rateLimited")));
        assertEquals(FailureCause.ACCOUNT,
                Failure.causeOf(URI.create("urn:ietf:params:acme:error:accountDoesNotExist")));
        assertEquals(FailureCause.CA, Failure.causeOf(URI.create("urn:ietf:params:acme:error:rejectedIdentifier")));
        assertEquals(FailureCause.CA, Failure.causeOf(URI.create("about:blank")));

        Failure failure = Failure.classify(new AcmeServerException(problem("urn:ietf:params:acme:error:dns",
                "NXDOMAIN looking up A for x.test")), "Ordering for x.test");
        assertEquals(FailureCause.DNS, failure.cause());
        assertTrue(failure.message().contains("NXDOMAIN looking up A for x.test"), failure.message());
    }

    @Test
    void aWrongChallengeAnswerIsACaProblemNotAnAccountOne() throws Exception {
        Problem wrongAnswer = problem("urn:ietf:params:acme:error:unauthorized",
                "The key authorization file from the server did not match this challenge");
        Failure challenge = Failure.ofChallengeProblem(wrongAnswer, "The CA could not validate a.test with HTTP_01");
        assertEquals(FailureCause.CA, challenge.cause());
        assertTrue(challenge.message().contains("urn:ietf:params:acme:error:unauthorized"), challenge.message());
        assertTrue(challenge.message().contains("did not match this challenge"), challenge.message());
        assertEquals(FailureCause.ACCOUNT, Failure.ofProblem(wrongAnswer, "Registering").cause(),
                "outside a challenge, unauthorized is about the account");
        assertEquals(FailureCause.CONNECTION, Failure.ofChallengeProblem(problem(
                "urn:ietf:params:acme:error:connection", "refused"), "x").cause());
        assertEquals(FailureCause.ACCOUNT, Failure.ofChallengeProblem(problem(
                "urn:ietf:params:acme:error:accountDoesNotExist", "gone"), "x").cause());
    }

    @Test
    void neverRepeatsAChallengeToken() throws Exception {
        Failure failure = Failure.classify(new AcmeServerException(problem("urn:ietf:params:acme:error:connection",
                "Get \\\"http://a.test:80/.well-known/acme-challenge/wzmUvPTyo_DHOvCb4BlDgyFIKe-LOCUpJJhSt9z-TDY\\\":"
                        + " connection refused")), "Ordering for a.test");
        assertEquals(FailureCause.CONNECTION, failure.cause());
        assertTrue(failure.message().contains("/.well-known/acme-challenge/...\""), failure.message());
        assertTrue(!failure.message().contains("wzmUvPTyo"), failure.message());
    }

    @Test
    void aRateLimitCarriesItsRetryAfter() throws Exception {
        Instant retryAfter = Instant.parse("2026-01-01T12:00:00Z");
        Failure failure = Failure.classify(new AcmeRateLimitedException(
                problem("urn:ietf:params:acme:error:rateLimited", "too many certificates"), retryAfter, List.of()),
                "Ordering");
        assertEquals(FailureCause.RATE_LIMIT, failure.cause());
        assertEquals(Optional.of(retryAfter), failure.retryAfter());
    }

    @Test
    void classifiesNetworkFailures() {
        assertEquals(FailureCause.CONNECTION,
                Failure.classify(new AcmeNetworkException(new ConnectException("Connection refused")), "x").cause());
        assertEquals(FailureCause.DNS,
                Failure.classify(new AcmeNetworkException(new UnknownHostException("ca.invalid")), "x").cause());
        assertEquals(FailureCause.TIMEOUT,
                Failure.classify(new AcmeNetworkException(new HttpTimeoutException("timed out")), "x").cause());
        assertEquals(FailureCause.DNS, Failure.classify(new DnsUpdateException("not visible"), "x").cause());
        assertEquals(FailureCause.TIMEOUT, Failure.classify(new AcmeFailureException(
                Failure.of(FailureCause.TIMEOUT, "validation took too long")), "x").cause());
        assertEquals(FailureCause.INTERNAL, Failure.classify(new IllegalStateException("bug"), "x").cause());
    }
}
