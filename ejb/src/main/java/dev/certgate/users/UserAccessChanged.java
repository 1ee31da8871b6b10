package dev.certgate.users;

/** Fired in the transaction that disabled, deleted or changed the roles or password of user {@code name}. */
public record UserAccessChanged(String name) {
}
