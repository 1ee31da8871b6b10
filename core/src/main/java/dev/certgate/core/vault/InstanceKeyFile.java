package dev.certgate.core.vault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The file that holds the installation's KEK: one line of base64, readable and writable by its owner only. Created
 * on first start; never overwritten, so a restore of the database with another installation's key file is detected
 * (the KEK ids differ), not silently "fixed".
 */
public final class InstanceKeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private InstanceKeyFile() {
    }

    /** Result of {@link #loadOrCreate}: the key and whether this call created its file. */
    public record Loaded(InstanceKey key, boolean created) {
    }

    /**
     * Reads the KEK from {@code file}, or creates the file with a new random KEK (owner-only permissions, parent
     * directories as needed) when it does not exist.
     *
     * @throws IOException when the file cannot be read or created, or does not hold a KEK
     */
    public static Loaded loadOrCreate(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        if (Files.exists(file)) {
            return new Loaded(read(file), false);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        byte[] material = new byte[InstanceKey.LENGTH];
        new SecureRandom().nextBytes(material);
        try {
            // Created with owner-only permissions from the start: never a moment readable by others.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException e) {
            // another node or thread created it first: use theirs
            return new Loaded(read(file), false);
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
        InstanceKey key = InstanceKey.of(material);
        java.util.Arrays.fill(material, (byte) 0);
        return new Loaded(key, true);
    }

    /**
     * Creates a new key file with a new random KEK; fails if the file exists.
     *
     * @throws IOException when it exists or cannot be written
     */
    public static InstanceKey create(Path file) throws IOException {
        byte[] material = new byte[InstanceKey.LENGTH];
        new SecureRandom().nextBytes(material);
        try {
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(material) + "\n", StandardCharsets.US_ASCII);
            return InstanceKey.of(material);
        } finally {
            java.util.Arrays.fill(material, (byte) 0);
        }
    }

    /** Reads an existing key file. */
    public static InstanceKey read(Path file) throws IOException {
        byte[] material;
        try {
            material = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IllegalArgumentException e) {
            throw new IOException("the instance key file " + file + " does not hold base64 text");
        }
        if (material.length != InstanceKey.LENGTH) {
            throw new IOException("the instance key file " + file + " holds " + material.length
                    + " bytes, not " + InstanceKey.LENGTH);
        }
        InstanceKey key = InstanceKey.of(material);
        java.util.Arrays.fill(material, (byte) 0);
        return key;
    }

    /** Whether the file is readable or writable by anyone but its owner (false where POSIX is not supported). */
    public static boolean isExposed(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return !OWNER_ONLY.containsAll(permissions);
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }
}
