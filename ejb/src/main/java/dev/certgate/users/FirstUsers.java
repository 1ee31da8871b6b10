package dev.certgate.users;

import dev.certgate.api.AuditAction;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.Roles;
import dev.certgate.audit.AuditLog;
import dev.certgate.logging.CertgateLog;
import dev.certgate.users.model.UserAccount;
import dev.certgate.settings.CertgateSettings;
import dev.certgate.settings.Secret;
import dev.certgate.settings.Settings;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The first users of an installation, made when the user table is empty (and only then):
 * <ul>
 *   <li>the lines of {@code <data dir>/certgate/initial-users}, {@code name:role,role:password} each (how bin/test and
 *   the benchmarks seed their users before the server starts); the file is deleted once read, used or not;</li>
 *   <li>else {@code admin}, with the password from the setting {@code certgate.admin.password} (environment
 *   {@code CERTGATE_ADMIN_PASSWORD}), else a generated one, logged once (CERTGATE-5001) and
 *   written owner-only to {@code <data dir>/certgate/initial-admin-password} for bin/run to show.</li>
 * </ul>
 * Internal: no remote view.
 */
@Stateless
@PermitAll
public class FirstUsers {

    static final String ADMIN = "admin";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final String BY = "certgate (first start)";

    @PersistenceContext(unitName = "certgate")
    private EntityManager em;

    @EJB
    private AuditLog audit;

    @EJB
    private Settings settings;

    /** In its own transaction: another node starting at the same time may win the race, which is fine. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void createIfNone() {
        CertgateSettings current = settings.current();
        Path dir = current.dataDir().resolve("certgate");
        Path seedFile = dir.resolve("initial-users");
        boolean empty = em.createNamedQuery(UserAccount.COUNT, Long.class).getSingleResult() == 0;
        List<String> seed = readAndDelete(seedFile);
        if (!empty) {
            if (seed != null) {
                CertgateLog.initialUsersIgnored(seedFile);
            }
            return;
        }
        if (seed != null && !seed.isEmpty()) {
            List<String> names = new ArrayList<>();
            int number = 0;
            for (String line : seed) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split(":", 3);
                try {
                    if (parts.length != 3) {
                        throw new InvalidInputException("line", "not name:roles:password");
                    }
                    String name = UserRules.name(parts[0]);
                    Set<String> roles = UserRules.roles(List.of(parts[1].split(",")));
                    em.persist(new UserAccount(name, Passwords.hash(UserRules.password(parts[2])), roles, BY,
                            Instant.now()));
                    names.add(name);
                } catch (InvalidInputException e) {
                    CertgateLog.initialUserRefused(seedFile, number, nameToLog(parts), e.getMessage());
                }
            }
            if (!names.isEmpty()) {
                audit.record(AuditAction.USER_CREATE, String.join(",", names), "Added the first users " + names
                        + " from "
                        + seedFile.getFileName() + ".");
                CertgateLog.initialUsersCreated(names);
                return;
            }
        }
        // Checked here, not at start: it matters only on the first start, and a refused one is replaced by a
        // generated password (CERTGATE-5003) rather than stopping the server.
        String password = null;
        if (current.adminPassword().isPresent()) {
            try {
                password = UserRules.password(current.adminPassword().map(Secret::reveal).orElseThrow());
            } catch (InvalidInputException e) {
                CertgateLog.adminPasswordRefused(e.getMessage());
            }
        }
        boolean generated = password == null;
        Path file = dir.resolve("initial-admin-password");
        if (generated) {
            // Never logged: the owner-only file is the one place the generated password is, and bin/run shows it
            // once on the console. Where it cannot be written, no admin is made (a password nobody can read would
            // lock everyone out); the next start tries again.
            password = Passwords.generate();
            try {
                Files.createDirectories(dir);
                Files.deleteIfExists(file);
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
            } catch (IOException | UnsupportedOperationException e) {
                CertgateLog.adminPasswordNotWritten(file, e);
                return;
            }
        }
        em.persist(new UserAccount(ADMIN, Passwords.hash(password), Set.of(Roles.ADMIN), BY, Instant.now()));
        em.flush();
        audit.record(AuditAction.USER_CREATE, ADMIN, "Added the first admin, " + ADMIN + ", with "
                + (generated ? "a generated password." : "the password given to the server."));
        if (generated) {
            CertgateLog.firstAdminGenerated(ADMIN, file);
        } else {
            CertgateLog.firstAdminGiven(ADMIN);
        }
    }

    private static List<String> readAndDelete(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            CertgateLog.initialUsersUnreadable(file, e);
            return List.of();
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                CertgateLog.initialUsersUnreadable(file, e);
            }
        }
    }

    /**
     * What a refused initial-users line may show of itself in the log: its user name, when the line has the three
     * fields and the first is a valid name; else nothing (null), as a malformed line may be all password (no colon)
     * and a password may look like a name.
     */
    static String nameToLog(String[] fields) {
        return fields.length == 3 && UserRules.isName(fields[0]) ? fields[0] : null;
    }
}
