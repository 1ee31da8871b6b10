package dev.certgate.core;

/**
 * The root of every expected failure of the core: an input that cannot be used, a key that does not fit, a sealed
 * value that does not open. Checked, so a caller cannot forget it; a bug is a runtime exception instead. The core
 * knows no container: the services of the ejb module turn these into the {@code dev.certgate.api} exceptions at
 * their boundary (one mapping, {@code dev.certgate.boundary.CoreFailures}), where a transaction rolls back.
 * <p>
 * The message is for the user who caused the failure (it never holds key material); where a subclass carries the
 * data the api's exception words its own message from, that data is what the mapping passes on.
 */
public abstract class CoreException extends Exception {

    private static final long serialVersionUID = 1L;

    protected CoreException(String message) {
        super(message);
    }

    protected CoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
