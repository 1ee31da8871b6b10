package dev.certgate.core.served;

import dev.certgate.api.HostName;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges one name of the served-certificate check: the chain a TLS client received for it (or why it received none)
 * against the certificates the store would serve it with.
 * <p>
 * Which stored certificates may serve a name follows the gateway's choice: the certificate an application's domain
 * binds to the name, else the certificates naming it exactly, else — one label up — those the wildcard above it is
 * bound to or named by. The served chain must be the chain of one of them, certificate for certificate; a served
 * leaf that has ended is reported as such even when the store holds the same one (the store must be renewed then).
 */
public final class ServedJudge {

    /** How one name's check ended. */
    public enum Outcome {
        /** the chain served is a stored one for the name */
        MATCH,
        /** the chain served is not what the store holds for the name */
        MISMATCH,
        /** no chain was served: the handshake failed */
        HANDSHAKE_FAILED,
        /** the leaf served has ended */
        EXPIRED
    }

    /** A stored certificate: its id, its chain (leaf first) and the names it holds (normalised). */
    public record Stored(String id, List<X509Certificate> chain, List<String> names) {
        public Stored {
            Objects.requireNonNull(id, "id");
            chain = List.copyOf(chain);
            names = List.copyOf(names);
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("a stored certificate has a chain");
            }
        }
    }

    /**
     * One name's verdict.
     *
     * @param host            the name the check asked for (a wildcard's probe name for a wildcard)
     * @param outcome         how it ended
     * @param certificateId   the stored certificate it concerns: the one served when it matched, else the one the
     *                        store would serve (latest-ending first); null when the store has none for the name
     * @param servedSha256    the SHA-256 fingerprint of the leaf served (hex); null when none was served
     * @param detail          in plain words, for the Dashboard and the alert
     */
    public record Verdict(String host, Outcome outcome, String certificateId, String servedSha256, String detail) {
        public Verdict {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(detail, "detail");
        }

        public boolean problem() {
            return outcome != Outcome.MATCH;
        }
    }

    /** The label a wildcard name is asked for with ({@code *.example.com} → this + {@code .example.com}). */
    public static final String WILDCARD_PROBE_LABEL = "certgate-served-check";

    private ServedJudge() {
    }

    /**
     * The names to check, each with the certificates that may serve it: every name a stored certificate holds or a
     * domain binds (a wildcard as its probe name), sorted.
     *
     * @param stored the stored certificates
     * @param bound  the domains bound to a certificate: name (normalised) → certificate id
     */
    public static Map<String, List<Stored>> names(List<Stored> stored, Map<String, String> bound) {
        Set<String> names = new TreeSet<>(bound.keySet());
        stored.forEach(s -> names.addAll(s.names()));
        Map<String, List<Stored>> checks = new java.util.TreeMap<>();
        for (String name : names) {
            String host = name.startsWith("*.") ? WILDCARD_PROBE_LABEL + name.substring(1) : name;
            List<Stored> candidates = candidates(host, stored, bound);
            if (!candidates.isEmpty()) {
                checks.putIfAbsent(host, candidates);
            }
        }
        return checks;
    }

    /** The stored certificates that may serve {@code host}, in the gateway's order of preference. */
    static List<Stored> candidates(String host, List<Stored> stored, Map<String, String> bound) {
        for (String key : HostName.coveringNames(host)) {
            String boundId = bound.get(key);
            if (boundId != null) {
                List<Stored> one = stored.stream().filter(s -> s.id().equals(boundId)).toList();
                if (!one.isEmpty()) {
                    return one;
                }
            }
            List<Stored> named = stored.stream().filter(s -> s.names().contains(key)).toList();
            if (!named.isEmpty()) {
                return named.stream().sorted((a, b) -> b.chain().get(0).getNotAfter()
                        .compareTo(a.chain().get(0).getNotAfter())).toList();
            }
        }
        return List.of();
    }

    /**
     * The verdict for {@code host}.
     *
     * @param served         the chain the client received, leaf first; null when the handshake failed
     * @param failure        why the handshake failed (when {@code served} is null)
     * @param candidates     what {@link #names} gave for the host (not empty)
     * @param now            the instant of the check
     */
    public static Verdict judge(String host, List<X509Certificate> served, String failure, List<Stored> candidates,
                                Instant now) {
        String expectedId = candidates.isEmpty() ? null : candidates.get(0).id();
        if (served == null || served.isEmpty()) {
            return new Verdict(host, Outcome.HANDSHAKE_FAILED, expectedId, null,
                    "The gateway completed no TLS handshake for " + host + ": " + (failure == null ? "no certificate"
                            : failure) + ".");
        }
        X509Certificate leaf = served.get(0);
        String fingerprint = sha256(leaf);
        Stored match = candidates.stream().filter(s -> sameCertificate(s.chain().get(0), leaf)).findFirst()
                .orElse(null);
        if (now.isAfter(leaf.getNotAfter().toInstant())) {
            return new Verdict(host, Outcome.EXPIRED, match != null ? match.id() : expectedId, fingerprint,
                    "The certificate served for " + host + " ended on " + leaf.getNotAfter().toInstant() + ".");
        }
        if (match == null) {
            return new Verdict(host, Outcome.MISMATCH, expectedId, fingerprint, "The gateway serves a certificate "
                    + "for " + host + " (SHA-256 " + fingerprint + ") that is not the stored one (SHA-256 "
                    + (expectedId == null ? "none" : sha256(candidates.get(0).chain().get(0))) + ").");
        }
        if (!sameChain(match.chain(), served)) {
            return new Verdict(host, Outcome.MISMATCH, match.id(), fingerprint, "The gateway serves the stored "
                    + "certificate for " + host + " with another chain (" + served.size() + " certificates served, "
                    + match.chain().size() + " stored).");
        }
        return new Verdict(host, Outcome.MATCH, match.id(), fingerprint, "Serves the stored certificate.");
    }

    private static boolean sameChain(List<X509Certificate> stored, List<X509Certificate> served) {
        if (stored.size() != served.size()) {
            return false;
        }
        List<Boolean> same = new ArrayList<>();
        for (int i = 0; i < stored.size(); i++) {
            same.add(sameCertificate(stored.get(i), served.get(i)));
        }
        return !same.contains(false);
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        return Arrays.equals(der(a), der(b));
    }

    /** The SHA-256 fingerprint of a certificate's DER, in lower-case hex. */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der(certificate)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("a certificate without a DER encoding", e);
        }
    }
}
