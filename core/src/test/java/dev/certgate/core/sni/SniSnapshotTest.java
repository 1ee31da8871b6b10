package dev.certgate.core.sni;

import dev.certgate.api.HostName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static dev.certgate.core.sni.SniFixtures.served;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SniSnapshotTest {

    /** As the gateway asks: the name the client sent, read by HostName.fromWire. */
    private static Optional<String> pick(SniSnapshot snapshot, String name, String keyType) {
        return snapshot.select(HostName.fromWire(name).orElse(null), keyType).map(ServedCertificate::alias);
    }

    @Test
    void exactNameThenOneLabelWildcard() throws Exception {
        SniSnapshot snapshot = SniSnapshot.of(List.of(served("ec"), served("wildcard")));
        assertEquals(Optional.of("ec"), pick(snapshot, "ec.example.test", "EC"));
        assertEquals(Optional.of("ec"), pick(snapshot, "EC.Example.Test", "EC"));
        assertEquals(Optional.of("wildcard"), pick(snapshot, "shop.apps.example.test", "EC"));
        assertEquals(Optional.of("wildcard"), pick(snapshot, "apps.example.test", "EC"));
        assertEquals(Optional.empty(), pick(snapshot, "a.shop.apps.example.test", "EC"), "one label only");
        assertEquals(Optional.empty(), pick(snapshot, "unknown.test", "EC"));
        assertEquals(Optional.empty(), pick(snapshot, null, "EC"), "no SNI, no default yet");
    }

    @Test
    void theNameIsReadAsHostNameReadsIt() throws Exception {
        SniSnapshot snapshot = SniSnapshot.of(List.of(served("ec"), served("wildcard")));
        assertEquals(Optional.of("ec"), pick(snapshot, "ec.example.test.", "EC"), "a trailing dot is the same name");
        assertEquals(Optional.empty(), pick(snapshot, "ec .example.test", "EC"), "not a host name: unknown");
        assertTrue(snapshot.knows(HostName.of("Shop.Apps.Example.Test")));
        assertTrue(!snapshot.knows(HostName.of("a.shop.apps.example.test")));
        assertEquals(HostName.of("shop.apps.example.test").coveringNames(),
                List.of("shop.apps.example.test", "*.apps.example.test"), "the names tried, in order");
    }

    @Test
    void keyTypeMustFit() throws Exception {
        SniSnapshot snapshot = SniSnapshot.of(List.of(served("ec"), served("rsa"), served("ed25519")));
        assertEquals(Optional.empty(), pick(snapshot, "ec.example.test", "RSA"));
        assertEquals(Optional.of("rsa"), pick(snapshot, "www.rsa.example.test", "RSA"));
        assertEquals(Optional.of("rsa"), pick(snapshot, "rsa.example.test", "RSASSA-PSS"));
        assertEquals(Optional.of("ed25519"), pick(snapshot, "ed.example.test", "EdDSA"));
    }

    @Test
    void aliasesFindTheirCertificates() throws Exception {
        SniSnapshot snapshot = SniSnapshot.of(List.of(served("ec"), served("wildcard")));
        assertEquals(2, snapshot.certificateCount());
        assertEquals(3, snapshot.nameCount());
        assertTrue(snapshot.byAlias("wildcard").isPresent());
        assertTrue(snapshot.byAlias("gone").isEmpty());
        assertEquals(0, SniSnapshot.empty().certificateCount());
    }
}
