package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.junit.jupiter.api.Test;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class KeySpecTest {

    @Test
    void namesTheTypeOfAnExistingKey() throws Exception {
        for (KeySpec spec : List.of(KeySpec.EC_P256, KeySpec.EC_P384, KeySpec.RSA_2048)) { // RSA 3072+ only slower
            assertEquals(Optional.of(spec), KeySpec.ofKey(spec.generate().getPublic()), spec.name());
        }
        KeyPairGenerator p521 = KeyPairGenerator.getInstance("EC");
        p521.initialize(new ECGenParameterSpec("secp521r1"));
        assertEquals(Optional.empty(), KeySpec.ofKey(p521.generateKeyPair().getPublic()), "a curve certgate never makes");
        assertEquals(Optional.empty(), KeySpec.ofKey(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()
                .getPublic()));
    }

    @Test
    void aNameIsOneOfTheConstantsAndBlankIsTheDefault() throws Exception {
        assertEquals(KeySpec.RSA_2048, KeySpec.of(" rsa_2048 "));
        assertEquals(KeySpec.DEFAULT, KeySpec.of(" "));
        BadInputException refused = assertThrows(BadInputException.class, () -> KeySpec.of("DSA_1024"));
        assertEquals(KeySpec.FIELD, refused.field());
    }
}
