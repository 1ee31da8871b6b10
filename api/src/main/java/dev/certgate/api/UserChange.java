package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * A change to a user; each part that is null stays as it is.
 *
 * @param password a new password (an admin resetting it), or null
 * @param roles    the new roles, or null
 * @param enabled  enable or disable, or null
 */
public record UserChange(String password, List<String> roles, Boolean enabled) implements Serializable {

    @Override
    public String toString() {
        return "UserChange[password=" + (password == null ? "unchanged" : "new") + ", roles=" + roles
                + ", enabled=" + enabled + "]";
    }
}
