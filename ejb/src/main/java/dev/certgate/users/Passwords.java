package dev.certgate.users;

import dev.certgate.users.model.StoredPassword;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.interfaces.BCryptPassword;
import org.wildfly.security.password.spec.EncryptablePasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedHashPasswordSpec;
import org.wildfly.security.password.spec.IteratedSaltedPasswordAlgorithmSpec;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * Salted bcrypt hashes made and checked with Elytron's own implementation, so the JDBC realm that signs users in
 * (security.cli, bcrypt-mapper with base64 columns) reads exactly what is stored here. The provider is passed as an
 * instance, never installed globally (it would outlive a redeploy).
 */
public final class Passwords {

    /**
     * bcrypt's cost: 2^10 rounds, about 50–100 ms per check on one core. HTTP Basic checks the password on every REST
     * call, so a higher cost would be paid on each; raise it here and new passwords get it (the cost is stored per
     * user).
     */
    public static final int COST = 10;

    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** A fresh salted hash of {@code password}. */
    public static StoredPassword hash(String password) {
        Objects.requireNonNull(password, "password");
        byte[] salt = new byte[BCryptPassword.BCRYPT_SALT_SIZE];
        RANDOM.nextBytes(salt);
        try {
            BCryptPassword hashed = (BCryptPassword) factory().generatePassword(new EncryptablePasswordSpec(
                    password.toCharArray(), new IteratedSaltedPasswordAlgorithmSpec(COST, salt)));
            Base64.Encoder base64 = Base64.getEncoder();
            return new StoredPassword(base64.encodeToString(hashed.getHash()), base64.encodeToString(hashed.getSalt()),
                    hashed.getIterationCount());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Elytron cannot make a bcrypt hash", e);
        }
    }

    /** Whether {@code guess} is the password stored as {@code stored}. */
    public static boolean matches(StoredPassword stored, String guess) {
        Objects.requireNonNull(stored, "stored");
        if (guess == null) {
            return false;
        }
        Base64.Decoder base64 = Base64.getDecoder();
        try {
            PasswordFactory factory = factory();
            BCryptPassword password = (BCryptPassword) factory.generatePassword(new IteratedSaltedHashPasswordSpec(
                    base64.decode(stored.hash()), base64.decode(stored.salt()), stored.cost()));
            return factory.verify(password, guess.toCharArray());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A random password of 24 characters (144 bits), for a first admin nobody chose a password for. */
    public static String generate() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static PasswordFactory factory() throws GeneralSecurityException {
        return PasswordFactory.getInstance(BCryptPassword.ALGORITHM_BCRYPT, PROVIDER);
    }
}
