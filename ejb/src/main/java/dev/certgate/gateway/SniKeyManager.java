package dev.certgate.gateway;

import dev.certgate.api.HostName;
import dev.certgate.core.sni.ServedCertificate;
import dev.certgate.core.sni.SniSnapshot;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A server-side key manager that chooses the certificate by the client's SNI host name from the current
 * {@link SniSnapshot}. Returns null (no certificate) when the snapshot has none for the name and key type, so JSSE
 * tries the next key type the client accepts. Client-side methods are not supported: this only serves.
 * <p>
 * JSSE chooses an alias, then asks for the private key and the chain in two separate calls, and a new snapshot (a
 * renewal committed on this node or another) may replace the current one between any two of them. So the alias
 * handed out is the certificate instance's own {@linkplain ServedCertificate#handshakeAlias() handshake alias}, and
 * the key and chain are looked up by it in the current snapshot, else in the one it replaced: both always come from
 * the certificate that was chosen, never the key of the old certificate with the chain of the renewed one.
 */
public final class SniKeyManager extends X509ExtendedKeyManager {

    /** The snapshot last seen and the one it replaced (null at first). */
    private record Seen(SniSnapshot current, SniSnapshot previous) {
    }

    private final Supplier<SniSnapshot> snapshot;
    private final AtomicReference<Seen> seen = new AtomicReference<>(new Seen(null, null));
    private final HandshakeCounts counts;

    /** @param snapshot gives the current snapshot; called on every handshake, so it must be cheap */
    public SniKeyManager(Supplier<SniSnapshot> snapshot) {
        this(snapshot, HandshakeCounts.NONE);
    }

    SniKeyManager(Supplier<SniSnapshot> snapshot, HandshakeCounts counts) {
        this.snapshot = Objects.requireNonNull(snapshot, "snapshot");
        this.counts = Objects.requireNonNull(counts, "counts");
    }

    /** The current snapshot, remembering the one it replaced. */
    private SniSnapshot current() {
        SniSnapshot now = snapshot.get();
        Seen last = seen.get();
        if (last.current() != now) {
            seen.compareAndSet(last, new Seen(now, last.current()));
        }
        return now;
    }

    /** The chosen certificate: in the current snapshot, else in the one it replaced; empty when in neither. */
    private Optional<ServedCertificate> chosen(String handshakeAlias) {
        Optional<ServedCertificate> found = current().byHandshakeAlias(handshakeAlias);
        if (found.isPresent()) {
            return found;
        }
        SniSnapshot previous = seen.get().previous();
        return previous == null ? Optional.empty() : previous.byHandshakeAlias(handshakeAlias);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return choose(keyType, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return choose(keyType, socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null);
    }

    private String choose(String keyType, SSLSession handshake) {
        if (!clientVerifies(keyType, handshake)) {
            return null;
        }
        HostName host = requestedHostName(handshake);
        // JSSE asks once per key type the client accepts, until one answers: counted when one does
        return current().select(host, keyType)
                .map(chosen -> {
                    counts.count(HandshakeCounts.outcome(host, chosen));
                    return chosen.handshakeAlias();
                })
                .orElse(null);
    }

    /**
     * Whether the client's signature algorithms let it verify a key of {@code keyType} ({@code EC}, {@code RSA}); true
     * when it named none (TLS 1.2 without the extension) or the key type is another. JSSE asks only for the key types
     * the client can verify; BoringSSL (through Netty) asks for EC then RSA whatever the client sent in TLS 1.3, so a
     * name with an EC and an RSA certificate would show an RSA-only client the EC one. Netty names the algorithms the
     * Java way ({@code SHA256withECDSA...}, {@code SHA256withRSA}), JSSE the TLS way ({@code ecdsa_secp256r1_sha256},
     * {@code rsa_pss_rsae_sha256}): both contain the key's algorithm.
     */
    static boolean clientVerifies(String keyType, SSLSession handshake) {
        if (!(handshake instanceof ExtendedSSLSession extended) || !("EC".equals(keyType) || "RSA".equals(keyType))) {
            return true;
        }
        String[] algorithms = extended.getPeerSupportedSignatureAlgorithms();
        if (algorithms == null || algorithms.length == 0) {
            return true;
        }
        String wanted = "EC".equals(keyType) ? "ECDSA" : "RSA";
        for (String algorithm : algorithms) {
            if (algorithm.toUpperCase(java.util.Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The host name the client asked for, read by {@link HostName#fromWire}; null when it sent no SNI, or a name that
     * is no host name (served as an unknown name).
     */
    static HostName requestedHostName(SSLSession handshake) {
        if (handshake instanceof ExtendedSSLSession extended) {
            List<SNIServerName> names = extended.getRequestedServerNames();
            for (SNIServerName name : names) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME && name instanceof SNIHostName host) {
                    return HostName.fromWire(host.getAsciiName()).orElse(null);
                }
            }
        }
        return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return chosen(alias)
                .map(c -> c.chain().toArray(new X509Certificate[0]))
                .orElse(null);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return chosen(alias).map(ServedCertificate::key).orElse(null);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null; // aliases are chosen per handshake by SNI, never listed
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
