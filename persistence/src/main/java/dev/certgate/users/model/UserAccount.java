package dev.certgate.users.model;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone who may sign in: a name, a stored password, roles, and whether they are enabled. The Elytron JDBC realm
 * (security.cli) reads the same rows to authenticate; only the UserService writes them.
 */
@Entity
@Table(name = "app_user")
@NamedQuery(name = UserAccount.ALL_BY_NAME, query = "select u from UserAccount u order by u.name")
@NamedQuery(name = UserAccount.COUNT, query = "select count(u) from UserAccount u")
@NamedQuery(name = UserAccount.ENABLED_WITH_ROLE,
        query = "select u from UserAccount u join u.roles r where u.enabled = true and r = :role order by u.name")
public class UserAccount {

    public static final String ALL_BY_NAME = "UserAccount.allByName";
    public static final String COUNT = "UserAccount.count";
    public static final String ENABLED_WITH_ROLE = "UserAccount.enabledWithRole";

    @Id
    @Column(name = "name", length = 64)
    private String name;

    @Column(name = "password_hash", nullable = false, length = 64)
    private String passwordHash;

    @Column(name = "password_salt", nullable = false, length = 32)
    private String passwordSalt;

    @Column(name = "password_cost", nullable = false)
    private int passwordCost;

    @Column(name = "enabled", nullable = false)
    private boolean enabled;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "app_user_role", joinColumns = @JoinColumn(name = "user_name"))
    @Column(name = "role", length = 16)
    private Set<String> roles = new TreeSet<>();

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "created_by", nullable = false)
    private String createdBy;

    @Column(name = "updated_at")
    private Instant updatedAt;

    @Column(name = "updated_by")
    private String updatedBy;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    protected UserAccount() {
    }

    /** A new, enabled user; the caller has checked the name, the roles and the password's strength. */
    public UserAccount(String name, StoredPassword password, Collection<String> roles, String createdBy,
                       Instant createdAt) {
        this.name = Objects.requireNonNull(name, "name");
        store(password);
        this.roles = new TreeSet<>(requireRoles(roles));
        this.enabled = true;
        this.createdBy = Objects.requireNonNull(createdBy, "createdBy");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    }

    public String name() {
        return name;
    }

    /** The roles, sorted, unmodifiable. */
    public Set<String> roles() {
        return Collections.unmodifiableSet(new TreeSet<>(roles));
    }

    public boolean enabled() {
        return enabled;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    /** The stored password, for verifying a guess; never shown. */
    public StoredPassword password() {
        return new StoredPassword(passwordHash, passwordSalt, passwordCost);
    }

    public void replacePassword(StoredPassword password, String by, Instant at) {
        store(password);
        touched(by, at);
    }

    public void replaceRoles(Collection<String> newRoles, String by, Instant at) {
        Set<String> checked = new TreeSet<>(requireRoles(newRoles));
        roles.clear();
        roles.addAll(checked);
        touched(by, at);
    }

    public void enable(boolean enable, String by, Instant at) {
        this.enabled = enable;
        touched(by, at);
    }

    public long version() {
        return version;
    }

    private void store(StoredPassword password) {
        Objects.requireNonNull(password, "password");
        this.passwordHash = password.hash();
        this.passwordSalt = password.salt();
        this.passwordCost = password.cost();
    }

    private void touched(String by, Instant at) {
        this.updatedBy = Objects.requireNonNull(by, "by");
        this.updatedAt = Objects.requireNonNull(at, "at");
    }

    private static Collection<String> requireRoles(Collection<String> roles) {
        if (Objects.requireNonNull(roles, "roles").isEmpty()) {
            throw new IllegalArgumentException("a user needs at least one role");
        }
        return roles;
    }
}
