package dev.certgate.core.pki;

import dev.certgate.core.CoreException;

/** The local CA's root certificate is not valid at the time of issuing (expired, or the clock is wrong). */
public class LocalCaNotValidException extends CoreException {

    private static final long serialVersionUID = 1L;

    LocalCaNotValidException(String message) {
        super(message);
    }
}
