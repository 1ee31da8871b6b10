package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * A user to add; enabled at once.
 *
 * @param name     lower-case letters, digits, '.', '_' or '-', at most 64 characters
 * @param password at least {@link UserService#MIN_PASSWORD_LENGTH} characters
 * @param roles    one or more {@link Roles} names
 */
public record NewUser(String name, String password, List<String> roles) implements Serializable {

    @Override
    public String toString() {
        return "NewUser[name=" + name + ", roles=" + roles + "]"; // never the password
    }
}
