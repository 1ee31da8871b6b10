package dev.certgate.core.served;

import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.core.pki.Pem;
import dev.certgate.core.served.ServedJudge.Outcome;
import dev.certgate.core.served.ServedJudge.Stored;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the served-certificate check says of what a client received, against the store. */
class ServedJudgeTest {

    private static List<X509Certificate> chain(String fixture) throws Exception {
        try (InputStream in = ServedJudgeTest.class.getResourceAsStream("/pki/" + fixture)) {
            if (in == null) {
                throw new IOException("no fixture " + fixture);
            }
            return Pem.readCertificates(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
    }

    private static Stored stored(String id, String fixture) throws Exception {
        List<X509Certificate> chain = chain(fixture);
        return new Stored(id, chain, LeafCertificate.of(chain.get(0)).hostNames());
    }

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theStoredChainServedMatches() throws Exception {
        Stored ec = stored("ec", "ec.crt.pem");
        String host = ec.names().get(0);
        Map<String, List<Stored>> names = ServedJudge.names(List.of(ec), Map.of());
        assertEquals(List.of(ec), names.get(host));
        ServedJudge.Verdict verdict = ServedJudge.judge(host, ec.chain(), null, names.get(host), nowWithin(ec));
        assertEquals(Outcome.MATCH, verdict.outcome(), verdict.detail());
        assertEquals("ec", verdict.certificateId());
        assertEquals(ServedJudge.sha256(ec.chain().get(0)), verdict.servedSha256());
    }

    @Test
    void anotherCertificateThanTheStoredOneIsAMismatch() throws Exception {
        Stored ec = stored("ec", "ec.crt.pem");
        List<X509Certificate> other = chain("rsa.crt.pem");
        ServedJudge.Verdict verdict = ServedJudge.judge("x.test", other, null, List.of(ec), nowWithin(ec));
        assertEquals(Outcome.MISMATCH, verdict.outcome());
        assertEquals("ec", verdict.certificateId(), "the certificate the store would serve");
        assertTrue(verdict.detail().contains(ServedJudge.sha256(other.get(0))), verdict.detail());
        assertTrue(verdict.detail().contains(ServedJudge.sha256(ec.chain().get(0))), verdict.detail());
    }

    @Test
    void theStoredLeafWithAnotherChainIsAMismatch() throws Exception {
        Stored full = stored("leaf", "chain.pem");
        assertTrue(full.chain().size() > 1, "the fixture chain.pem has an intermediate");
        ServedJudge.Verdict verdict = ServedJudge.judge("x.test", List.of(full.chain().get(0)), null, List.of(full),
                nowWithin(full));
        assertEquals(Outcome.MISMATCH, verdict.outcome());
        assertTrue(verdict.detail().contains("another chain"), verdict.detail());
    }

    @Test
    void anEndedLeafServedIsExpiredEvenWhenStored() throws Exception {
        Stored expired = stored("old", "expired.crt.pem");
        Instant after = expired.chain().get(0).getNotAfter().toInstant().plusSeconds(1);
        ServedJudge.Verdict verdict = ServedJudge.judge("x.test", expired.chain(), null, List.of(expired), after);
        assertEquals(Outcome.EXPIRED, verdict.outcome());
        assertEquals("old", verdict.certificateId());
    }

    @Test
    void noChainIsAFailedHandshake() throws Exception {
        Stored ec = stored("ec", "ec.crt.pem");
        ServedJudge.Verdict verdict = ServedJudge.judge("x.test", null, "unrecognized_name", List.of(ec), NOW);
        assertEquals(Outcome.HANDSHAKE_FAILED, verdict.outcome());
        assertNull(verdict.servedSha256());
        assertTrue(verdict.detail().contains("unrecognized_name"), verdict.detail());
    }

    @Test
    void theBoundCertificateTakesPrecedenceAndAWildcardIsAskedForWithItsProbeName() throws Exception {
        Stored ec = stored("ec", "ec.crt.pem");
        Stored rsa = stored("rsa", "rsa.crt.pem");
        String host = ec.names().get(0);
        Map<String, List<Stored>> names = ServedJudge.names(List.of(ec, rsa), Map.of(host, "rsa",
                "*.bound.test", "ec"));
        assertEquals(List.of(rsa), names.get(host), "the domain's binding, not the certificate's own name");
        assertEquals(List.of(ec), names.get(ServedJudge.WILDCARD_PROBE_LABEL + ".bound.test"));
    }

    private static Instant nowWithin(Stored s) {
        return s.chain().get(0).getNotBefore().toInstant().plusSeconds(60);
    }
}
