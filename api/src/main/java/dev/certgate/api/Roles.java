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

    /** The three roles, in the order pages show them. */
    public static final java.util.List<String> ALL = java.util.List.of(ADMIN, OPERATOR, AUDITOR);

    private Roles() {
    }
}
