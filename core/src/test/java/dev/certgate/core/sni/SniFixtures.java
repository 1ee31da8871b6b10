package dev.certgate.core.sni;

import dev.certgate.core.pki.LeafCertificate;
import dev.certgate.core.pki.Pem;

import static dev.certgate.core.pki.Fixtures.text;

/** Served certificates made of the fixtures of src/test/resources/pki, for the SNI tests here and in ejb. */
public final class SniFixtures {

    private SniFixtures() {
    }

    /** The fixture {@code <name>.crt.pem} with its key {@code <name>.key.pem}, alias {@code name}. */
    public static ServedCertificate served(String name) throws Exception {
        var chain = Pem.readCertificates(text(name + ".crt.pem"));
        return new ServedCertificate(name, chain, Pem.readPrivateKey(text(name + ".key.pem")),
                LeafCertificate.of(chain.get(0)).hostNames());
    }
}
