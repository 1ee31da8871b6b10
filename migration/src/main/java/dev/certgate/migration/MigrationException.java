package dev.certgate.migration;

/**
 * A migration source cannot be read: the path is not such a source, or a file of it cannot be read. The message is
 * for the user; nothing was changed anywhere.
 */
public class MigrationException extends Exception {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
