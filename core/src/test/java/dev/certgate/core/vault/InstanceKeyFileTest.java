package dev.certgate.core.vault;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstanceKeyFileTest {

    @TempDir
    Path dir;

    @Test
    void createdOnceOwnerOnlyThenReadBack() throws IOException {
        Path file = dir.resolve("certgate/instance.key");
        InstanceKeyFile.Loaded first = InstanceKeyFile.loadOrCreate(file);
        assertTrue(first.created());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertFalse(InstanceKeyFile.isExposed(file));

        InstanceKeyFile.Loaded second = InstanceKeyFile.loadOrCreate(file);
        assertFalse(second.created());
        assertEquals(first.key().id(), second.key().id());
    }

    @Test
    void twoInstallationsHaveTwoKeys() throws IOException {
        assertFalse(InstanceKeyFile.loadOrCreate(dir.resolve("one")).key().id()
                .equals(InstanceKeyFile.loadOrCreate(dir.resolve("two")).key().id()));
    }

    @Test
    void exposedFileIsReported() throws IOException {
        Path file = dir.resolve("instance.key");
        InstanceKeyFile.loadOrCreate(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(InstanceKeyFile.isExposed(file));
    }

    @Test
    void aDamagedFileIsRefusedNotReplaced() throws IOException {
        Path file = dir.resolve("instance.key");
        Files.writeString(file, "not a key\n");
        assertThrows(IOException.class, () -> InstanceKeyFile.loadOrCreate(file));
        Files.writeString(file, "AAAA\n");
        assertThrows(IOException.class, () -> InstanceKeyFile.loadOrCreate(file));
        assertEquals("AAAA\n", Files.readString(file));
    }
}
