package dev.certgate.core.sni;

import dev.certgate.api.HostName;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The certificates the gateway serves, indexed by host name; immutable, replaced whole after each change. Lookups
 * are O(1) in the number of certificates: for each of the names {@link HostName#coveringNames()} gives — the exact
 * name, then the one-label wildcard covering it ({@code *.example.com} covers {@code a.example.com}, not
 * {@code a.b.example.com} nor {@code example.com}) — a domain's bound certificate before a certificate that merely
 * names it. The names it is built from are normalised as {@link HostName} makes them (stored domains, certificates'
 * names); the names it is asked for are {@link HostName}s, so nothing here re-normalises a name.
 * When a name has several certificates of the same key type, the one valid longest wins.
 */
public final class SniSnapshot {

    private static final SniSnapshot EMPTY = new SniSnapshot(List.of());

    private final Map<String, List<ServedCertificate>> byName;
    private final Map<String, ServedCertificate> byAlias;
    private final Map<String, ServedCertificate> byHandshakeAlias;
    private final Map<String, ServedCertificate> byDomain;
    /** For unknown names and handshakes without SNI; null: refuse them. */
    private final ServedCertificate fallback;

    private SniSnapshot(List<ServedCertificate> certificates) {
        this(certificates, Map.of(), null);
    }

    private SniSnapshot(List<ServedCertificate> certificates, Map<String, String> domains, String defaultAlias) {
        Map<String, List<ServedCertificate>> names = new HashMap<>();
        Map<String, ServedCertificate> aliases = new HashMap<>();
        Map<String, ServedCertificate> handshakeAliases = new HashMap<>();
        List<ServedCertificate> longestFirst = new ArrayList<>(certificates);
        longestFirst.sort(Comparator.comparing(ServedCertificate::notAfter).reversed());
        for (ServedCertificate certificate : longestFirst) {
            aliases.put(certificate.alias(), certificate);
            handshakeAliases.put(certificate.handshakeAlias(), certificate);
            for (String name : certificate.hostNames()) {
                names.computeIfAbsent(name, n -> new ArrayList<>()).add(certificate);
            }
        }
        names.replaceAll((name, list) -> List.copyOf(list));
        this.byName = Map.copyOf(names);
        this.byAlias = Map.copyOf(aliases);
        this.byHandshakeAlias = Map.copyOf(handshakeAliases);
        Map<String, ServedCertificate> bound = new HashMap<>();
        domains.forEach((domain, alias) -> {
            ServedCertificate certificate = aliases.get(alias);
            if (certificate != null) {
                bound.put(domain, certificate);
            }
        });
        this.byDomain = Map.copyOf(bound);
        this.fallback = defaultAlias == null ? null : aliases.get(defaultAlias);
    }

    /**
     * A snapshot serving these certificates, where the domains of Application Management (normalised name to the
     * alias of the certificate bound to it) take precedence over the certificates' own names.
     */
    public static SniSnapshot of(List<ServedCertificate> certificates, Map<String, String> domains) {
        return new SniSnapshot(List.copyOf(certificates), Map.copyOf(domains), null);
    }

    /**
     * As {@link #of(List, Map)}, with a default certificate for unknown names and handshakes without SNI.
     *
     * @param defaultAlias the default's alias; null to refuse unknown names
     */
    public static SniSnapshot of(List<ServedCertificate> certificates, Map<String, String> domains,
                                 String defaultAlias) {
        return new SniSnapshot(List.copyOf(certificates), Map.copyOf(domains), defaultAlias);
    }

    /** Whether there is a default certificate (else unknown names are refused with unrecognized_name). */
    public boolean hasDefault() {
        return fallback != null;
    }

    /**
     * Whether a usable certificate of any key type covers this name (the default does not count); opens the keys of
     * the certificates it looks at if not yet done.
     */
    public boolean knows(HostName serverName) {
        if (serverName == null) {
            return false;
        }
        for (String name : serverName.coveringNames()) {
            if (covers(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a usable certificate is bound to or names this exact key (a name or a wildcard). */
    private boolean covers(String key) {
        ServedCertificate bound = byDomain.get(key);
        if (bound != null && bound.usable()) {
            return true;
        }
        for (ServedCertificate certificate : byName.getOrDefault(key, List.of())) {
            if (certificate.usable()) {
                return true;
            }
        }
        return false;
    }

    /** A snapshot serving exactly these certificates. */
    public static SniSnapshot of(List<ServedCertificate> certificates) {
        return new SniSnapshot(List.copyOf(certificates));
    }

    /** A snapshot that serves nothing. */
    public static SniSnapshot empty() {
        return EMPTY;
    }

    /**
     * The certificate for a requested server name and a key type JSSE can use.
     *
     * @param serverName the SNI host name as {@link HostName#fromWire} read it; null when the client sent none, or
     *                   sent something that is not a host name
     * @param keyType    the JSSE key type: "RSA", "RSASSA-PSS", "EC" or "EdDSA"
     * @return the certificate to serve: the name's, else (for a name no certificate covers, or no SNI) the default;
     *         empty when there is none for that key type
     */
    public Optional<ServedCertificate> select(HostName serverName, String keyType) {
        return selectNamed(serverName, keyType).or(() -> fallback != null && !knows(serverName)
                && fits(fallback, keyType) ? Optional.of(fallback) : Optional.empty());
    }

    private Optional<ServedCertificate> selectNamed(HostName serverName, String keyType) {
        if (serverName == null) {
            return Optional.empty();
        }
        for (String name : serverName.coveringNames()) {
            Optional<ServedCertificate> found = bound(name, keyType).or(() -> firstOfType(byName.get(name), keyType));
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private Optional<ServedCertificate> bound(String domain, String keyType) {
        ServedCertificate certificate = byDomain.get(domain);
        return certificate != null && fits(certificate, keyType) ? Optional.of(certificate) : Optional.empty();
    }

    /** The certificate with this alias, if still served. */
    public Optional<ServedCertificate> byAlias(String alias) {
        return Optional.ofNullable(alias == null ? null : byAlias.get(alias));
    }

    /** The certificate with this {@linkplain ServedCertificate#handshakeAlias() handshake alias}, if in this snapshot. */
    public Optional<ServedCertificate> byHandshakeAlias(String handshakeAlias) {
        return Optional.ofNullable(handshakeAlias == null ? null : byHandshakeAlias.get(handshakeAlias));
    }

    public int certificateCount() {
        return byAlias.size();
    }

    public int nameCount() {
        return byName.size();
    }

    private static Optional<ServedCertificate> firstOfType(List<ServedCertificate> candidates, String keyType) {
        if (candidates == null) {
            return Optional.empty();
        }
        for (ServedCertificate candidate : candidates) {
            if (fits(candidate, keyType)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Whether the certificate can be served where JSSE asks for {@code keyType}; opens its key if not yet done. */
    private static boolean fits(ServedCertificate certificate, String keyType) {
        return serves(certificate.keyAlgorithm(), keyType) && certificate.usable();
    }

    /** Whether a certificate with this key algorithm can be used where JSSE asks for {@code keyType}. */
    static boolean serves(String keyAlgorithm, String keyType) {
        return switch (keyAlgorithm) {
            case "RSA" -> "RSA".equals(keyType) || "RSASSA-PSS".equals(keyType);
            case "EC" -> "EC".equals(keyType);
            case "Ed25519" -> "EdDSA".equals(keyType) || "Ed25519".equals(keyType);
            default -> false;
        };
    }
}
