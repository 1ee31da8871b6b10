package dev.certgate.users.model;

import java.util.Objects;

/**
 * A password as stored: a bcrypt hash and its salt (base64), and the cost it was made with. The form the Elytron JDBC
 * realm reads (security.cli's bcrypt-mapper); the clear password is never kept.
 *
 * @param hash base64 of the 23-byte bcrypt hash
 * @param salt base64 of the 16-byte salt
 * @param cost bcrypt's cost (log2 of the rounds)
 */
public record StoredPassword(String hash, String salt, int cost) {

    public StoredPassword {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(salt, "salt");
        if (cost < 4 || cost > 31) {
            throw new IllegalArgumentException("bcrypt cost out of range: " + cost);
        }
    }

    @Override
    public String toString() {
        return "StoredPassword[bcrypt, cost " + cost + "]"; // no hash in logs
    }
}
