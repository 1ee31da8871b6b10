package dev.certgate.core.sni;

import dev.certgate.api.HostName;
import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.core.pki.Pem;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Certificates whose keys the gateway opens on first use (many certificates at start), as SNI selection sees them. */
class DeferredCertificateTest {

    /** A deferred certificate made from the fixture {@code name}; {@code opens} counts the openings. */
    private static ServedCertificate deferred(String name, boolean keyOpens, AtomicInteger opens) throws Exception {
        List<X509Certificate> chain = Pem.readCertificates(text(name + ".crt.pem"));
        LeafCertificate leaf = LeafCertificate.of(chain.get(0));
        var key = Pem.readPrivateKey(text(name + ".key.pem"));
        return ServedCertificate.deferred(name, leaf.hostNames(), leaf.keyAlgorithm(), leaf.notAfter(), () -> {
            opens.incrementAndGet();
            return keyOpens ? Optional.of(new ServedCertificate.Unsealed(chain, key)) : Optional.empty();
        });
    }

    @Test
    void nothingIsOpenedUntilAHandshakeNeedsIt() throws Exception {
        AtomicInteger ecOpens = new AtomicInteger();
        AtomicInteger rsaOpens = new AtomicInteger();
        ServedCertificate ec = deferred("ec", true, ecOpens);
        ServedCertificate rsa = deferred("rsa", true, rsaOpens);
        SniSnapshot snapshot = SniSnapshot.of(List.of(ec, rsa));
        assertEquals(0, ecOpens.get() + rsaOpens.get(), "building the snapshot opens no key");
        assertTrue(snapshot.knows(HostName.of("ec.example.test")), "names are known before any key is opened");

        assertEquals(Optional.of("ec"), snapshot.select(HostName.of("ec.example.test"), "EC").map(ServedCertificate::alias));
        assertEquals(Optional.empty(), snapshot.select(HostName.of("ec.example.test"), "RSA"));
        assertEquals(1, ecOpens.get());
        assertEquals(0, rsaOpens.get(), "a key of another type or name is not opened");
        assertEquals(ec.chain().get(0), snapshot.byAlias("ec").orElseThrow().chain().get(0));
        assertTrue(ec.key() != null);
        snapshot.select(HostName.of("ec.example.test"), "EC");
        assertEquals(1, ecOpens.get(), "opened once");
    }

    @Test
    void aKeyThatDoesNotOpenIsPassedByAsIfNotStored() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        ServedCertificate broken = deferred("ec", false, opens);
        ServedCertificate fallback = SniFixtures.served("rsa");
        SniSnapshot snapshot = SniSnapshot.of(List.of(broken, fallback), java.util.Map.of(), "rsa");
        assertEquals(Optional.empty(), snapshot.select(HostName.of("ec.example.test"), "EC"));
        assertFalse(broken.usable());
        assertEquals(List.of(), broken.chain());
        assertNull(broken.key());
        assertFalse(snapshot.knows(HostName.of("ec.example.test")), "a name only an unusable certificate serves is unknown");
        assertEquals(Optional.of("rsa"), snapshot.select(HostName.of("ec.example.test"), "RSA").map(ServedCertificate::alias),
                "so it gets the default");
        assertEquals(1, opens.get(), "a failed opening is not retried on every handshake");
    }

    @Test
    void concurrentHandshakesOpenAKeyOnce() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        ServedCertificate ec = deferred("ec", true, opens);
        SniSnapshot snapshot = SniSnapshot.of(List.of(ec));
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        AtomicInteger served = new AtomicInteger();
        for (int i = 0; i < 8; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    if (snapshot.select(HostName.of("ec.example.test"), "EC").isPresent() && ec.key() != null) {
                        served.incrementAndGet();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(10_000);
        }
        assertEquals(8, served.get());
        assertEquals(1, opens.get());
    }
}
