package dev.certgate.api;

/** How one {@link PreflightCheck} ended. The constant names are the values of the REST contract. */
public enum PreflightOutcome {

    /** What the CA will need works. */
    PASSED,
    /** The CA will fail here; the finding's message names the likely fix. */
    FAILED,
    /** It may work, but certgate cannot tell, or something is likely to break later; the message says what. */
    WARNING,
    /** Not tried: an earlier check failed that this one needs (the name does not resolve). */
    SKIPPED
}
