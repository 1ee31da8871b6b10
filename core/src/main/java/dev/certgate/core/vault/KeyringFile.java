package dev.certgate.core.vault;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The keyring file: one key-encryption key per line, 32 bytes in base64; blank lines and lines starting with
 * {@code #} are ignored. Owner-only. The single-key {@code instance.key} of earlier versions is a keyring file of one
 * line, so it is read as it is. Every write goes to a new file in the same directory, is forced to disk, moved over
 * the old one atomically, and the directory is forced too: when {@link #write} returns, the keyring survives a crash,
 * so a database commit that names one of its keys may follow.
 */
public final class KeyringFile {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyringFile() {
    }

    /** A new random key (not written anywhere). */
    public static InstanceKey newKey() {
        byte[] material = new byte[InstanceKey.LENGTH];
        RANDOM.nextBytes(material);
        try {
            return InstanceKey.of(material);
        } finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    /**
     * Reads a keyring file.
     *
     * @throws IOException when it cannot be read, or a line is not a key (the message names the file and the line
     *                     number, never the line)
     */
    public static Keyring read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        List<InstanceKey> keys = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] material;
            try {
                material = Base64.getDecoder().decode(line);
            } catch (IllegalArgumentException e) {
                throw new IOException("line " + (i + 1) + " of the instance keyring file " + file
                        + " is not base64 text");
            }
            try {
                if (material.length != InstanceKey.LENGTH) {
                    throw new IOException("line " + (i + 1) + " of the instance keyring file " + file + " holds "
                            + material.length + " bytes, not " + InstanceKey.LENGTH);
                }
                keys.add(InstanceKey.of(material));
            } finally {
                Arrays.fill(material, (byte) 0);
            }
        }
        if (keys.isEmpty()) {
            throw new IOException("the instance keyring file " + file + " holds no key");
        }
        return Keyring.of(keys);
    }

    /**
     * Replaces (or creates) {@code file} with {@code keyring}, owner-only, durably: the new content is forced to disk
     * and moved over the old file atomically, then the directory is forced, before this returns.
     *
     * @throws IOException when it cannot be written; the old file is then unchanged
     */
    public static void write(Path file, Keyring keyring) throws IOException {
        Objects.requireNonNull(keyring, "keyring");
        Path absolute = file.toAbsolutePath();
        Path temp = durableTemp(absolute, keyring);
        try {
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(absolute.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The keyring written to a new owner-only file beside {@code absolute}, forced to disk. */
    private static Path durableTemp(Path absolute, Keyring keyring) throws IOException {
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve("." + absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        StringBuilder text = new StringBuilder();
        for (InstanceKey key : keyring.keys()) {
            byte[] material = key.material();
            text.append(Base64.getEncoder().encodeToString(material)).append('\n');
            Arrays.fill(material, (byte) 0);
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        try {
            try {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temp); // not a POSIX file system
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Creates {@code file} with one new random key, durably (see {@link #write}); never replaces a file that exists,
     * even one another node creates at the same moment on a shared mount (the new file is linked in, which fails
     * when the name is taken).
     *
     * @throws FileAlreadyExistsException when it exists
     * @throws IOException                when it cannot be written
     */
    public static InstanceKey create(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        if (Files.exists(absolute)) {
            throw new FileAlreadyExistsException(absolute.toString());
        }
        InstanceKey key = newKey();
        Path temp = durableTemp(absolute, Keyring.of(List.of(key)));
        try {
            try {
                Files.createLink(absolute, temp);
            } catch (UnsupportedOperationException e) {
                Files.move(temp, absolute); // no hard links here: fails too when the name is taken
            }
            forceDirectory(absolute.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
        return key;
    }

    /** Whether the file is readable or writable by anyone but its owner (false where POSIX is not supported). */
    public static boolean isExposed(Path file) throws IOException {
        try {
            return !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    /** Forces a directory's entries to disk (where the platform allows opening a directory: Linux does). */
    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            if (System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows")) {
                return; // a directory cannot be opened there; NTFS journals the rename
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }
}
