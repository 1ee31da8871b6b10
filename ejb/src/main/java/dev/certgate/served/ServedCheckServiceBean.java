package dev.certgate.served;

import dev.certgate.api.Roles;
import dev.certgate.api.ServedCheckService;
import dev.certgate.api.ServedCheckView;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;

import java.time.Instant;
import java.util.List;

/** The served-certificate check's findings on this node, for the Dashboard and a certificate's page. */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
public class ServedCheckServiceBean implements ServedCheckService {

    @EJB
    private ServedCheck check;

    @Override
    public List<ServedCheckView> problems() {
        return check.problems();
    }

    @Override
    public Instant lastCheck() {
        return check.lastCheck();
    }

    @Override
    public int lastRoundNames() {
        return check.lastRoundNames();
    }

    @Override
    public long lastRoundMillis() {
        return check.lastRoundMillis();
    }
}
