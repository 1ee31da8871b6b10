package dev.certgate.core.sni;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A certificate the gateway serves: the host names it serves and its key type (what SNI selection needs), and its
 * chain and opened private key (in memory only; what the handshake needs).
 * <p>
 * The chain and key are either given ({@link #ServedCertificate(String, List, PrivateKey, List)}) or opened on first
 * use ({@link #deferred}): with many thousands of certificates the gateway starts serving once it knows every name,
 * and opens each key when a handshake first needs it or when its background warm-up gets there, whichever comes
 * first. A key that does not open makes the certificate {@linkplain #usable() unusable}: selection then passes it by,
 * as if it were not stored.
 */
public final class ServedCertificate {

    /** The chain and opened key; {@code chain == null} when they could not be opened. */
    private record Material(List<X509Certificate> chain, PrivateKey key) {
        static final Material UNUSABLE = new Material(null, null);
    }

    /** Numbers the instances, so that each has its own {@link #handshakeAlias()}. */
    private static final AtomicLong INSTANCES = new AtomicLong();

    private final String alias;
    private final String handshakeAlias;
    private final List<String> hostNames;
    private final String keyAlgorithm;
    private final Instant notAfter;
    private volatile Material material;
    /** Opens the material once; null once it has run (so the sealed key and chain text it holds can go). */
    private Supplier<Optional<Material>> opener;

    /**
     * A certificate whose chain and key are at hand.
     *
     * @param alias     the key manager's alias for it (the certificate's id)
     * @param chain     leaf first
     * @param key       the leaf's private key
     * @param hostNames lower-case host names, exact or one-label wildcards ({@code *.example.com})
     */
    public ServedCertificate(String alias, List<X509Certificate> chain, PrivateKey key, List<String> hostNames) {
        this(alias, hostNames, keyAlgorithm(chain), chain.get(0).getNotAfter().toInstant());
        this.material = new Material(List.copyOf(chain), Objects.requireNonNull(key, "key"));
    }

    private ServedCertificate(String alias, List<String> hostNames, String keyAlgorithm, Instant notAfter) {
        this.alias = Objects.requireNonNull(alias, "alias");
        this.handshakeAlias = alias + '#' + INSTANCES.incrementAndGet();
        this.hostNames = List.copyOf(hostNames);
        this.keyAlgorithm = Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
        this.notAfter = Objects.requireNonNull(notAfter, "notAfter");
    }

    /**
     * A certificate opened on first use.
     *
     * @param keyAlgorithm "RSA", "EC" or "Ed25519", as the store recorded it
     * @param notAfter     the leaf's end of validity, as the store recorded it
     * @param open         reads the chain (leaf first) and opens the key; empty when it cannot (it logs why). Called
     *                     at most once, from whichever thread needs the certificate first
     */
    public static ServedCertificate deferred(String alias, List<String> hostNames, String keyAlgorithm,
                                             Instant notAfter, Supplier<Optional<Unsealed>> open) {
        Objects.requireNonNull(open, "open");
        ServedCertificate certificate = new ServedCertificate(alias, hostNames, keyAlgorithm, notAfter);
        certificate.opener = () -> open.get().map(o -> new Material(List.copyOf(o.chain()), o.key()));
        return certificate;
    }

    /** What {@link #deferred}'s opener returns. */
    public record Unsealed(List<X509Certificate> chain, PrivateKey key) {
        public Unsealed {
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a served certificate has a chain");
            }
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String toString() {
            return "Unsealed[" + chain.size() + " certificate(s)]"; // never the key
        }
    }

    /** The certificate's id: what domains and the default certificate name it by. */
    public String alias() {
        return alias;
    }

    /**
     * The alias a key manager hands JSSE: unique to this instance, so a renewed certificate (same id, new chain and
     * key, a new instance in the next snapshot) never has the same one. JSSE chooses an alias, then asks for the key
     * and the chain in two more calls; a snapshot replaced in between must not give the key of one certificate and
     * the chain of the other (the client then fails the handshake with "Invalid CertificateVerify signature").
     */
    public String handshakeAlias() {
        return handshakeAlias;
    }

    /** Lower-case host names, exact or one-label wildcards ({@code *.example.com}). */
    public List<String> hostNames() {
        return hostNames;
    }

    /** "RSA", "EC" or "Ed25519": the key type JSSE asks for. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    Instant notAfter() {
        return notAfter;
    }

    /** Whether its key and chain are open or open now (opening them if nobody has yet). */
    public boolean usable() {
        return material().chain() != null;
    }

    /** Whether its key has been opened already (without opening it). */
    boolean opened() {
        return material != null;
    }

    /** Leaf first; empty when the certificate is not {@linkplain #usable() usable}. */
    public List<X509Certificate> chain() {
        List<X509Certificate> chain = material().chain();
        return chain == null ? List.of() : chain;
    }

    /** The leaf's private key; null when the certificate is not {@linkplain #usable() usable}. */
    public PrivateKey key() {
        return material().key();
    }

    private Material material() {
        Material known = material;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (material == null) {
                Supplier<Optional<Material>> open = opener;
                opener = null;
                Material opened = Material.UNUSABLE;
                try {
                    opened = open == null ? Material.UNUSABLE : open.get().orElse(Material.UNUSABLE);
                } catch (RuntimeException e) {
                    // the opener logs its own failures; anything else leaves the certificate out, never the handshake
                }
                material = opened;
            }
            return material;
        }
    }

    private static String keyAlgorithm(List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a served certificate has a chain");
        }
        String algorithm = chain.get(0).getPublicKey().getAlgorithm();
        return "EdDSA".equals(algorithm) ? "Ed25519" : algorithm;
    }

    @Override
    public String toString() {
        return "ServedCertificate[" + alias + " " + hostNames + "]"; // never the key
    }
}
