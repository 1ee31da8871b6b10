package dev.certgate.gateway;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which engine runs for the one asked: boringssl falls back to JSSE only when its native library cannot load. */
class TlsEngineTest {

    @Test
    void boringsslFallsBackToJsseWhenTheNativeLibraryCannotLoad() {
        Optional<Throwable> missing = Optional.of(new UnsatisfiedLinkError("no netty_tcnative in java.library.path"));
        assertEquals(TlsEngine.JSSE, TlsEngine.running(TlsEngine.BORINGSSL, missing));
        assertEquals(TlsEngine.BORINGSSL, TlsEngine.running(TlsEngine.BORINGSSL, Optional.empty()));
        assertEquals(TlsEngine.JSSE, TlsEngine.running(TlsEngine.JSSE, Optional.empty()));
    }

    @Test
    void theSettingSpellsEachEngine() {
        assertEquals(Optional.of(TlsEngine.BORINGSSL), TlsEngine.of("boringssl"));
        assertEquals(Optional.of(TlsEngine.JSSE), TlsEngine.of("jsse"));
        assertEquals(Optional.empty(), TlsEngine.of("BoringSSL"));
    }
}
