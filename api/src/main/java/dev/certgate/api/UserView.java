package dev.certgate.api;

import java.io.Serializable;
import java.util.List;

/**
 * A user as others see it: never a password or its hash.
 *
 * @param name    the sign-in name
 * @param roles   {@link Roles} names, sorted
 * @param enabled false when the user may not sign in
 */
public record UserView(String name, List<String> roles, boolean enabled) implements Serializable {

    public UserView {
        roles = List.copyOf(roles);
    }
}
