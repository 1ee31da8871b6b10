package dev.certgate.acme;

import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.AcmeCaException;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ErrorCategory;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeServerException;

import java.security.KeyPair;
import java.util.Objects;

/**
 * The order of an ACME account key rollover (RFC 8555 §7.3.5), so that a server that stops half-way never loses the
 * account (issue 14 point 5): the new key is stored, sealed, as <em>pending</em> before the CA sees it; then it is
 * sent; then promoted to the account key. If the CA answers with a refusal (a problem document) it did not take the
 * key, which is dropped; if it does not answer (the connection broke, a timeout, a stop), it may have taken it, so
 * the key stays pending and the next use of the account asks the CA which key it knows
 * ({@code AcmeAccountUse.resolvePending}).
 */
final class KeyRollover {

    /** The steps, in the order {@link #run} takes them. */
    interface Steps {
        /** Stores the new key as pending, committed before this returns. */
        void stage(KeyPair next) throws CertgateException;

        /** Sends the new key to the CA ({@code Account.changeKey}). */
        void send(KeyPair next) throws AcmeException;

        /** The CA took it: the account key now. */
        AcmeAccountView promote(KeyPair next) throws CertgateException;

        /** The CA refused it: forgotten. */
        void drop(KeyPair next) throws CertgateException;
    }

    private KeyRollover() {
    }

    /**
     * Rolls over to {@code next}.
     *
     * @throws AcmeCaException UNACCEPTABLE when the CA refused the key (the old one stays, nothing pending), or
     *                         UNAVAILABLE when it did not answer (the new key stays pending and is tried at the next
     *                         use of the account)
     */
    static AcmeAccountView run(KeyPair next, Steps steps, String directoryUrl) throws CertgateException {
        Objects.requireNonNull(next, "next");
        steps.stage(next);
        try {
            steps.send(next);
        } catch (AcmeServerException refused) {
            steps.drop(next);
            throw AcmeServiceBean.refusedOrUnreachable(Failure.classify(refused, "The CA at " + directoryUrl
                    + " did not take the new account key; the old one stays"));
        } catch (AcmeException | RuntimeException unanswered) {
            throw new AcmeCaException(ErrorCategory.UNAVAILABLE, Failure.classify(unanswered, "The CA at "
                    + directoryUrl + " did not answer whether it took the new account key").message()
                    + ". certgate keeps the new key as pending and asks the CA which key it knows at the next use of "
                    + "the account.", null);
        }
        return steps.promote(next);
    }
}
