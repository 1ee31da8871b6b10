package dev.certgate.users;

import dev.certgate.api.InvalidInputException;
import dev.certgate.api.Roles;
import dev.certgate.api.UserService;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What a user name, a password and a set of roles must be; one message per mistake, naming the field. */
final class UserRules {

    /** Also enforced before the realm (security.cli's CertgateUserName), so case never matters on MariaDB. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    /** bcrypt reads only the first 72 bytes: a longer password would be silently cut. */
    private static final int MAX_PASSWORD_BYTES = 72;

    private UserRules() {
    }

    static String name(String name) throws InvalidInputException {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name", "A user name is required.");
        }
        if (!NAME.matcher(name).matches()) {
            throw new InvalidInputException("name", "A user name has 1 to 64 characters: lower-case letters, digits, "
                    + "'.', '_' or '-', starting with a letter or digit.");
        }
        return name;
    }

    /** Whether this is a valid user name (without saying why not). */
    static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    static String password(String password) throws InvalidInputException {
        if (password == null || password.isEmpty()) {
            throw new InvalidInputException("password", "A password is required.");
        }
        if (password.codePointCount(0, password.length()) < UserService.MIN_PASSWORD_LENGTH) {
            throw new InvalidInputException("password", "A password needs at least "
                    + UserService.MIN_PASSWORD_LENGTH + " characters.");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new InvalidInputException("password", "A password may have at most " + MAX_PASSWORD_BYTES
                    + " bytes (72 ASCII characters).");
        }
        return password;
    }

    static Set<String> roles(List<String> roles) throws InvalidInputException {
        if (roles == null || roles.isEmpty()) {
            throw new InvalidInputException("roles", "Give at least one role: admin, operator or auditor.");
        }
        Set<String> checked = new TreeSet<>();
        for (String role : roles) {
            if (role == null || !Roles.ALL.contains(role)) {
                throw new InvalidInputException("roles", "Unknown role '" + role + "': use admin, operator or auditor.");
            }
            checked.add(role);
        }
        return checked;
    }
}
