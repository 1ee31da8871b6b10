package dev.certgate.acme;

import dev.certgate.api.AcmeDomainNotFoundException;
import dev.certgate.api.CertgateException;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.PreflightReport;
import dev.certgate.api.PreflightService;
import dev.certgate.api.Roles;
import dev.certgate.applications.DomainDirectory;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** The pre-flight check on demand (the ACME page's button, the REST call, the remote client). */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR})
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PreflightServiceBean implements PreflightService {

    @EJB
    private DomainDirectory domains;

    @EJB
    private Preflight preflight;

    @Override
    public PreflightReport check(HostName domain) throws CertgateException {
        if (domain == null) {
            throw new InvalidInputException("domain", "A domain is required: the name of an ACME domain.");
        }
        DomainDirectory.AcmeBinding binding = domains.acmeBinding(domain.toString())
                .orElseThrow(() -> new AcmeDomainNotFoundException(domain.toString()));
        return preflight.run(domain, ChallengeType.valueOf(binding.challenge()), false);
    }
}
