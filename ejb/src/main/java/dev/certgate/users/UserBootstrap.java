package dev.certgate.users;

import dev.certgate.logging.CertgateLog;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;

/** On start, once the schema is current: an installation without users gets its first ones ({@link FirstUsers}). */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@PermitAll // internal: no remote view
public class UserBootstrap {

    @EJB
    private FirstUsers firstUsers;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void start() {
        try {
            firstUsers.createIfNone();
        } catch (EJBException e) {
            // another node made the first users at the same moment, or the database refused: say so, keep running
            CertgateLog.firstUsersFailed(e);
        }
    }
}
