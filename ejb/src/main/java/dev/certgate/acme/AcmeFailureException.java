package dev.certgate.acme;

import java.util.Objects;

/** An ACME step failed for a reason certgate already classified (a timeout, an invalid challenge, no account). */
public class AcmeFailureException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Failure failure;

    public AcmeFailureException(Failure failure) {
        super(Objects.requireNonNull(failure, "failure").message());
        this.failure = failure;
    }

    public Failure failure() {
        return failure;
    }
}
