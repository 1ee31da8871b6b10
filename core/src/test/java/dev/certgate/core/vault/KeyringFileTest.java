package dev.certgate.core.vault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyringFileTest {

    @TempDir
    Path dir;

    @Test
    void createsOwnerOnlyAndReadsBack() throws Exception {
        Path file = dir.resolve("sub/instance.key");
        InstanceKey key = KeyringFile.create(file);
        assertFalse(KeyringFile.isExposed(file));
        assertEquals(List.of(key.id()), KeyringFile.read(file).ids());
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> KeyringFile.create(file),
                "never overwrites");
        assertEquals(List.of(key.id()), KeyringFile.read(file).ids());
        try (var names = Files.list(file.getParent())) {
            assertEquals(1, names.count(), "no temporary file left behind");
        }
    }

    @Test
    void readsTheSingleKeyFileOfEarlierVersions() throws Exception {
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        Path file = dir.resolve("instance.key");
        Files.writeString(file, Base64.getEncoder().encodeToString(material) + "\n");
        assertEquals(List.of(InstanceKey.of(material).id()), KeyringFile.read(file).ids());
    }

    @Test
    void writesEveryKeyInOrderAndReplacesAtomically() throws Exception {
        Path file = dir.resolve("instance.key");
        InstanceKey first = KeyringFile.create(file);
        InstanceKey second = KeyringFile.newKey();
        KeyringFile.write(file, KeyringFile.read(file).with(second));
        assertEquals(List.of(first.id(), second.id()), KeyringFile.read(file).ids());
        assertEquals(2, Files.readAllLines(file).size());
        KeyringFile.write(file, KeyringFile.read(file).without(first.id()));
        assertEquals(List.of(second.id()), KeyringFile.read(file).ids());
        assertFalse(KeyringFile.isExposed(file));
    }

    @Test
    void ignoresCommentsAndBlankLines() throws Exception {
        InstanceKey key = KeyringFile.newKey();
        Path file = dir.resolve("k");
        KeyringFile.write(file, Keyring.of(List.of(key)));
        Files.writeString(file, "# staged on node a\n\n" + Files.readString(file));
        assertEquals(List.of(key.id()), KeyringFile.read(file).ids());
    }

    @Test
    void refusesWhatIsNotAKeyWithoutQuotingIt() throws Exception {
        Path file = dir.resolve("bad");
        Files.writeString(file, "secret-looking-text!\n");
        IOException notBase64 = assertThrows(IOException.class, () -> KeyringFile.read(file));
        assertTrue(notBase64.getMessage().contains("line 1"));
        assertFalse(notBase64.getMessage().contains("secret-looking"), "the line is never quoted");
        Files.writeString(file, Base64.getEncoder().encodeToString(new byte[16]) + "\n");
        assertTrue(assertThrows(IOException.class, () -> KeyringFile.read(file)).getMessage().contains("16 bytes"));
        Files.writeString(file, "# nothing\n");
        assertTrue(assertThrows(IOException.class, () -> KeyringFile.read(file)).getMessage().contains("no key"));
    }

    @Test
    void reportsAFileReadableByOthers() throws Exception {
        Path file = dir.resolve("k");
        KeyringFile.create(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(KeyringFile.isExposed(file));
    }
}
