package dev.certgate.users;

import dev.certgate.api.AuditAction;
import dev.certgate.api.SignInAudit;
import dev.certgate.audit.AuditLog;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

/**
 * The audit trail of the sign-in page: signed in, refused, throttled, signed out. Called by the web module before
 * anyone is signed in, hence {@code @PermitAll}; internal (no remote view). Never a password.
 */
@Stateless
@PermitAll
public class SignInLog implements SignInAudit {

    @EJB
    private AuditLog audit;

    @Override
    public void signedIn(String name) {
        audit.record(AuditAction.SIGN_IN, name, name + " signed in.");
    }

    @Override
    public void refused(String name) {
        audit.record(AuditAction.SIGN_IN_FAILED, name, "A sign-in as " + name
                + " was refused: wrong user name or password.");
    }

    @Override
    public void throttled(String name, String why) {
        audit.record(AuditAction.SIGN_IN_THROTTLED, name, "A sign-in as " + name + " was not tried: " + why);
    }

    @Override
    public void signedOut(String name) {
        audit.record(AuditAction.SIGN_OUT, name, name + " signed out.");
    }
}
