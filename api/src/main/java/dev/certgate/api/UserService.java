package dev.certgate.api;

import jakarta.ejb.Remote;

import java.util.List;

/**
 * The people who may sign in to certgate, with their roles. Managing users needs the admin role; changing one's own
 * password needs only to be signed in. Passwords are stored as salted bcrypt hashes and never returned, logged or
 * audited. There is always at least one enabled admin: the last one cannot be deleted, disabled or demoted.
 */
@Remote
public interface UserService {

    /** At least this many characters in a password. */
    int MIN_PASSWORD_LENGTH = 12;

    /** Every user, by name. */
    List<UserView> list() throws CertgateException;

    /** @throws UserNotFoundException when there is no user of that name */
    UserView get(String name) throws CertgateException;

    /**
     * Adds a user.
     *
     * @throws InvalidInputException  a name that is not lower-case letters, digits, '.', '_' or '-' (at most 64), a
     *                                password shorter than {@link #MIN_PASSWORD_LENGTH}, no role or an unknown one
     * @throws DuplicateUserException a user of that name exists
     */
    UserView create(NewUser user) throws CertgateException;

    /**
     * Changes what {@code change} gives (null parts stay as they are).
     *
     * @throws UserNotFoundException when there is no user of that name
     * @throws LastAdminException    the change would leave no enabled admin
     */
    UserView update(String name, UserChange change) throws CertgateException;

    /** @throws LastAdminException when this is the last enabled admin */
    void delete(String name) throws CertgateException;

    /**
     * The signed-in user changes their own password.
     *
     * @throws WrongPasswordException the current password is wrong
     * @throws InvalidInputException  the new password is too short
     */
    void changeOwnPassword(String currentPassword, String newPassword) throws CertgateException;
}
