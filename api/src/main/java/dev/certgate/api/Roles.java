package dev.certgate.api;

/**
 * The roles certgate knows. What each may do is enforced on the service methods ({@code @RolesAllowed}).
 */
public final class Roles {

    /** Everything, including key export and instance key rotation. */
    public static final String ADMIN = "admin";
    /** Manage certificates and applications. */
    public static final String OPERATOR = "operator";
    /** Read everything but keys, and the audit log; change nothing. */
    public static final String AUDITOR = "auditor";

    private Roles() {
    }
}
