package dev.certgate.boundary;

import dev.certgate.api.CertgateException;
import dev.certgate.api.CertificateExpiredException;
import dev.certgate.api.InputTooLargeException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyMismatchException;
import dev.certgate.api.WeakKeyException;
import dev.certgate.api.WrongPassphraseException;
import dev.certgate.core.BadInputException;
import dev.certgate.core.CoreException;
import dev.certgate.core.OversizedInputException;
import dev.certgate.core.WrongSecretException;
import dev.certgate.core.pki.ExpiredLeafException;
import dev.certgate.core.pki.LocalCaNotValidException;
import dev.certgate.core.pki.NameNotPermittedException;
import dev.certgate.core.pki.UnmatchedKeyException;
import dev.certgate.core.pki.WeakLeafKeyException;
import dev.certgate.core.vault.Envelope;

/**
 * The one translation of the core's failures ({@link CoreException}) into the remote contract's
 * ({@link CertgateException}), used by every service where it calls the core: the same api exception, field and
 * message for each case as when the core threw api exceptions itself. Where the api exception words its message from
 * data (a key mismatch, an expired leaf, a weak key, an oversized input), the core's data is passed on; else the
 * core's message is. The api exception carries the core exception's stack trace and cause, so logs read as before.
 */
public final class CoreFailures {

    private CoreFailures() {
    }

    /**
     * The api exception for a core failure; throw it: {@code catch (CoreException e) { throw CoreFailures.toApi(e); }}.
     *
     * @throws IllegalArgumentException for a core exception this mapping does not know (a bug: add it here)
     */
    public static CertgateException toApi(CoreException failure) {
        CertgateException mapped = map(failure);
        mapped.setStackTrace(failure.getStackTrace());
        return mapped;
    }

    private static CertgateException map(CoreException failure) {
        Throwable cause = failure.getCause();
        if (failure instanceof OversizedInputException oversized) {
            return new InputTooLargeException(oversized.field(), oversized.what(), oversized.size(), oversized.limit());
        }
        if (failure instanceof WrongSecretException wrong) {
            return new WrongPassphraseException(wrong.field(), wrong.getMessage(), cause);
        }
        if (failure instanceof BadInputException bad) {
            return new InvalidInputException(bad.field(), bad.getMessage(), cause);
        }
        if (failure instanceof UnmatchedKeyException unmatched) {
            return new KeyMismatchException(unmatched.commonName());
        }
        if (failure instanceof ExpiredLeafException expired) {
            return new CertificateExpiredException(expired.commonName(), expired.notAfter());
        }
        if (failure instanceof WeakLeafKeyException weak) {
            return switch (weak.reason()) {
                case RSA_TOO_SMALL -> WeakKeyException.rsaTooSmall(weak.commonName(), weak.bits(), weak.limitBits());
                case RSA_TOO_LARGE -> WeakKeyException.rsaTooLarge(weak.commonName(), weak.bits(), weak.limitBits());
                case UNSUPPORTED_CURVE -> WeakKeyException.unsupportedCurve(weak.commonName(), weak.curve(),
                        weak.bits());
            };
        }
        if (failure instanceof NameNotPermittedException refused) {
            return new CertgateException(refused.getMessage(), cause);
        }
        if (failure instanceof LocalCaNotValidException || failure instanceof Envelope.WrongKeyException) {
            return new CertgateException(failure.getMessage(), cause);
        }
        throw new IllegalArgumentException("no api exception for " + failure.getClass().getName(), failure);
    }
}
