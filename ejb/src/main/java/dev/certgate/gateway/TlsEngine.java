package dev.certgate.gateway;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The TLS implementation behind the gateway's port ({@code certgate.gateway.tls-engine}): the JDK's JSSE, or BoringSSL
 * through netty-tcnative ({@link NativeTls}). Both apply the same policy ({@link GatewayTls}); Undertow, the proxy and
 * HTTP/2 above them are the same.
 */
public enum TlsEngine {
    /** The JDK's own TLS (the default). */
    JSSE,
    /** BoringSSL through netty-tcnative, with the hybrid post-quantum key exchange X25519MLKEM768. */
    BORINGSSL;

    /** The setting's spelling. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The engine a setting value names; empty when it names none. */
    public static Optional<TlsEngine> of(String settingValue) {
        return Arrays.stream(values()).filter(e -> e.settingValue().equals(settingValue)).findFirst();
    }

    /**
     * The engine the gateway runs: the one asked for, except {@link #BORINGSSL} when the native library cannot load
     * here ({@code unavailable} says why), which falls back to {@link #JSSE}.
     */
    static TlsEngine running(TlsEngine asked, Optional<Throwable> unavailable) {
        return asked == BORINGSSL && unavailable.isPresent() ? JSSE : asked;
    }
}
