package dev.certgate.users;

import dev.certgate.api.AuditAction;
import dev.certgate.api.CertgateException;
import dev.certgate.api.DuplicateUserException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.LastAdminException;
import dev.certgate.api.NewUser;
import dev.certgate.api.Roles;
import dev.certgate.api.UserChange;
import dev.certgate.api.UserNotFoundException;
import dev.certgate.api.UserService;
import dev.certgate.api.UserView;
import dev.certgate.api.WrongPasswordException;
import dev.certgate.audit.AuditLog;
import dev.certgate.users.model.UserAccount;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Keeps the users the JDBC realm signs in. Admins only, but for changing one's own password. Passwords are checked
 * for length, stored as bcrypt hashes, and never returned, logged or audited. The last enabled admin cannot be
 * deleted, disabled or demoted: the enabled admins' rows are locked while that is decided, so two admins removing
 * each other at once cannot both succeed.
 */
@Stateless
@DeclareRoles({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
@RolesAllowed(Roles.ADMIN)
public class UserServiceBean implements UserService {

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @Inject
    private Event<UserAccessChanged> accessChanged;

    @EJB
    private AuditLog audit;

    @Override
    public List<UserView> list() {
        return em.createNamedQuery(UserAccount.ALL_BY_NAME, UserAccount.class).getResultStream()
                .map(UserServiceBean::view).toList();
    }

    @Override
    public UserView get(String name) throws CertgateException {
        return view(find(name));
    }

    @Override
    public UserView create(NewUser user) throws CertgateException {
        if (user == null) {
            throw new InvalidInputException("body", "Give the new user's name, password and roles.");
        }
        String name = UserRules.name(user.name());
        String password = UserRules.password(user.password());
        Set<String> roles = UserRules.roles(user.roles());
        if (em.find(UserAccount.class, name) != null) {
            throw new DuplicateUserException(name);
        }
        UserAccount account = new UserAccount(name, Passwords.hash(password), roles, audit.actor(), Instant.now());
        em.persist(account);
        em.flush();
        audit.record(AuditAction.USER_CREATE, name, "Added the user " + name + " with the roles " + roles + ".");
        return view(account);
    }

    @Override
    public UserView update(String name, UserChange change) throws CertgateException {
        if (change == null) {
            throw new InvalidInputException("body", "Give what to change: password, roles or enabled.");
        }
        UserAccount account = find(name);
        // check every part before changing anything
        String password = change.password() == null ? null : UserRules.password(change.password());
        Set<String> roles = change.roles() == null ? null : UserRules.roles(change.roles());
        boolean staysAdmin = roles == null ? account.hasRole(Roles.ADMIN) : roles.contains(Roles.ADMIN);
        boolean staysEnabled = change.enabled() == null ? account.enabled() : change.enabled();
        if (!staysAdmin || !staysEnabled) {
            keepAnotherAdmin(account, staysEnabled ? "left without the admin role" : "disabled");
        }
        String actor = audit.actor();
        Instant now = Instant.now();
        List<String> what = new ArrayList<>();
        if (password != null) {
            account.replacePassword(Passwords.hash(password), actor, now);
            what.add("reset the password");
        }
        if (roles != null && !roles.equals(account.roles())) {
            what.add("roles " + account.roles() + " → " + roles);
            account.replaceRoles(roles, actor, now);
        }
        if (change.enabled() != null && change.enabled() != account.enabled()) {
            account.enable(change.enabled(), actor, now);
            what.add(change.enabled() ? "enabled" : "disabled");
        }
        if (!what.isEmpty()) {
            em.flush();
            accessChanged.fire(new UserAccessChanged(name)); // its sessions end once this commits
            audit.record(AuditAction.USER_UPDATE, name, "Changed the user " + name + ": " + String.join(", ", what)
                    + ".");
        }
        return view(account);
    }

    @Override
    public void delete(String name) throws CertgateException {
        UserAccount account = find(name);
        keepAnotherAdmin(account, "deleted");
        em.remove(account);
        em.flush();
        accessChanged.fire(new UserAccessChanged(name));
        audit.record(AuditAction.USER_DELETE, name, "Deleted the user " + name + ".");
    }

    @Override
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.AUDITOR})
    public void changeOwnPassword(String currentPassword, String newPassword) throws CertgateException {
        String me = audit.actor();
        UserAccount account = em.find(UserAccount.class, me);
        if (account == null) {
            throw new UserNotFoundException(me);
        }
        if (!Passwords.matches(account.password(), currentPassword)) {
            throw new WrongPasswordException();
        }
        String password = UserRules.password(newPassword);
        account.replacePassword(Passwords.hash(password), me, Instant.now());
        em.flush();
        accessChanged.fire(new UserAccessChanged(me)); // the caller's other sessions end; the web keeps this one
        audit.record(AuditAction.PASSWORD_CHANGE, me, me + " changed their own password.");
    }

    /**
     * Refuses to let {@code account} stop being an enabled admin unless another enabled admin remains. Locks the other
     * enabled admins' rows (and re-reads them) until the transaction ends.
     */
    private void keepAnotherAdmin(UserAccount account, String what) throws LastAdminException {
        if (!account.enabled() || !account.hasRole(Roles.ADMIN)) {
            return;
        }
        List<String> admins = em.createNamedQuery(UserAccount.ENABLED_WITH_ROLE, UserAccount.class)
                .setParameter("role", Roles.ADMIN).getResultStream().map(UserAccount::name).toList();
        for (String other : admins) {
            if (other.equals(account.name())) {
                continue;
            }
            UserAccount locked = em.find(UserAccount.class, other, LockModeType.PESSIMISTIC_WRITE);
            if (locked != null) {
                em.refresh(locked, LockModeType.PESSIMISTIC_WRITE);
                if (locked.enabled() && locked.hasRole(Roles.ADMIN)) {
                    return;
                }
            }
        }
        throw new LastAdminException(account.name(), what);
    }

    private UserAccount find(String name) throws UserNotFoundException {
        UserAccount account = name == null ? null : em.find(UserAccount.class, name);
        if (account == null) {
            throw new UserNotFoundException(name);
        }
        return account;
    }

    static UserView view(UserAccount account) {
        return new UserView(account.name(), List.copyOf(account.roles()), account.enabled());
    }
}
