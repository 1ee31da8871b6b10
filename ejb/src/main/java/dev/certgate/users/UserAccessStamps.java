package dev.certgate.users;

import dev.certgate.api.UserAccess;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Singleton;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The access stamps of {@link UserAccess}: one counter per user name, moved on after every committed change of the
 * user's access (never on a rolled-back one). In memory, per server: another node of a cluster does not hear of the
 * change (its sessions keep their identity until they end), which the cluster work has to carry over.
 */
@Singleton
@LocalBean // beside UserAccess, the no-interface view: it makes onChange a business method, as an observer must be
@PermitAll // read by the web module's session check for every signed-in request; tells nothing but a number
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class UserAccessStamps implements UserAccess {

    private final ConcurrentHashMap<String, Long> stamps = new ConcurrentHashMap<>();

    @Override
    public long stamp(String name) {
        return name == null ? 0 : stamps.getOrDefault(name, 0L);
    }

    /** Called by the container once the transaction that changed the user's access has committed. */
    public void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) UserAccessChanged change) {
        stamps.merge(change.name(), 1L, Long::sum);
    }
}
