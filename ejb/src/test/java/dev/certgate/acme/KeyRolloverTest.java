package dev.certgate.acme;

import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.AcmeCaException;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.core.pki.KeySpec;
import org.junit.jupiter.api.Test;
import org.shredzone.acme4j.Problem;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;
import org.shredzone.acme4j.exception.AcmeServerException;
import org.shredzone.acme4j.toolbox.JSON;

import java.net.SocketTimeoutException;
import java.net.URL;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14 point 5: a rollover stores the new key before the CA sees it, and forgets it only when the CA said no. */
class KeyRolloverTest {

    private static final KeyPair NEXT = KeySpec.EC_P256.generate();

    /** Records each step with the key it got; {@code send} does what it is told. */
    private static final class Recorder implements KeyRollover.Steps {
        final List<String> steps = new ArrayList<>();
        AcmeException sendFails;
        CertgateException stageFails;

        private void record(String step, KeyPair key) {
            assertSame(NEXT, key, step + " got the new key");
            steps.add(step);
        }

        @Override
        public void stage(KeyPair next) throws CertgateException {
            record("stage", next);
            if (stageFails != null) {
                throw stageFails;
            }
        }

        @Override
        public void send(KeyPair next) throws AcmeException {
            record("send", next);
            if (sendFails != null) {
                throw sendFails;
            }
        }

        @Override
        public AcmeAccountView promote(KeyPair next) {
            record("promote", next);
            return null;
        }

        @Override
        public void drop(KeyPair next) {
            record("drop", next);
        }
    }

    @Test
    void theNewKeyIsStoredBeforeTheCaSeesItAndPromotedAfter() throws Exception {
        Recorder recorder = new Recorder();
        KeyRollover.run(NEXT, recorder, "https://ca.test/dir");
        assertEquals(List.of("stage", "send", "promote"), recorder.steps);
    }

    @Test
    void aCaThatRefusesTheKeyDidNotTakeItSoItIsDropped() throws Exception {
        Recorder recorder = new Recorder();
        recorder.sendFails = new AcmeServerException(new Problem(JSON.parse("{\"type\": "
                + "\"urn:ietf:params:acme:error:badPublicKey\", \"detail\": \"key too weak\"}"),
                new URL("https://ca.test/acme/key-change")));
        AcmeCaException refused = assertThrows(AcmeCaException.class,
                () -> KeyRollover.run(NEXT, recorder, "https://ca.test/dir"));
        assertEquals(List.of("stage", "send", "drop"), recorder.steps);
        assertEquals(ErrorCategory.UNACCEPTABLE, refused.category());
        assertTrue(refused.getMessage().startsWith("The CA at https://ca.test/dir did not take the new account key; "
                + "the old one stays"), refused.getMessage());
    }

    @Test
    void aCaThatDoesNotAnswerMayHaveTakenTheKeySoItStaysPending() {
        Recorder recorder = new Recorder();
        recorder.sendFails = new AcmeNetworkException(new SocketTimeoutException("Read timed out"));
        AcmeCaException unanswered = assertThrows(AcmeCaException.class,
                () -> KeyRollover.run(NEXT, recorder, "https://ca.test/dir"));
        assertEquals(List.of("stage", "send"), recorder.steps, "neither promoted nor dropped");
        assertEquals(ErrorCategory.UNAVAILABLE, unanswered.category());
        assertTrue(unanswered.getMessage().endsWith("certgate keeps the new key as pending and asks the CA which key "
                + "it knows at the next use of the account."), unanswered.getMessage());
    }

    @Test
    void aKeyThatCouldNotBeStoredIsNeverSent() {
        Recorder recorder = new Recorder();
        recorder.stageFails = new CertgateException("No ACME account is configured.");
        assertThrows(CertgateException.class, () -> KeyRollover.run(NEXT, recorder, "https://ca.test/dir"));
        assertEquals(List.of("stage"), recorder.steps);
    }
}
