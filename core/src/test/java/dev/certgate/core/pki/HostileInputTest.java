package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import dev.certgate.core.CoreException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.pkcs.EncryptedPrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.EncryptionScheme;
import org.bouncycastle.asn1.pkcs.KeyDerivationFunc;
import org.bouncycastle.asn1.pkcs.MacData;
import org.bouncycastle.asn1.pkcs.PBES2Parameters;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static dev.certgate.core.pki.Fixtures.bytes;
import static dev.certgate.core.pki.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What issue 14 (point 4) found a hostile or careless paste could do, one case each: indented and CRLF PEM, a block
 * that cannot be read, an over-long chain, key-derivation costs (PKCS#12 MAC, PBKDF2, scrypt) refused before any
 * derivation, and a subject that is not valid UTF-8.
 */
class HostileInputTest {

    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final char[] SECRET = "secret".toCharArray();
    /** Far below what the refused costs would take (ten million PBKDF2 rounds: about ten seconds). */
    private static final Duration FAST = Duration.ofSeconds(3);

    @Test
    void anIndentedChainAsFromAnEmailImportsAsTheChainDoes() throws Exception {
        ImportedCertificate plain = PemImport.parse(text("chain.pem"), text("leaf.key.pem"), NOW);
        String indented = "    " + text("chain.pem").replace("\n", "\n    ");
        ImportedCertificate fromEmail = PemImport.parse(indented, "\t" + text("leaf.key.pem").replace("\n", "\n\t"),
                NOW);
        assertEquals(plain.chain(), fromEmail.chain());
        assertEquals(2, fromEmail.chain().size(), "no block was lost to the indentation");
    }

    @Test
    void crlfAndOldMacLineEndsImport() throws Exception {
        ImportedCertificate plain = PemImport.parse(text("chain.pem"), text("leaf.key.pem"), NOW);
        assertEquals(plain.chain(), PemImport.parse(text("chain.pem").replace("\n", "\r\n"),
                text("leaf.key.pem").replace("\n", "\r\n"), NOW).chain());
        assertEquals(plain.chain(), PemImport.parse(text("chain.pem").replace("\n", "\r"),
                text("leaf.key.pem"), NOW).chain());
    }

    @Test
    void aDamagedSecondBlockIsNamedNotSkipped() {
        String chain = text("chain.pem");
        int second = chain.indexOf("-----BEGIN CERTIFICATE-----", 10);
        int line = (int) chain.substring(0, second).chars().filter(c -> c == '\n').count() + 1;
        String damaged = chain.substring(0, second + 40) + "!!!!" + chain.substring(second + 44);
        BadInputException e = assertThrows(BadInputException.class, () -> Pem.readCertificates(damaged));
        assertEquals("certificate", e.field());
        assertEquals("The certificate chain could not be read: its 2nd PEM block (-----BEGIN CERTIFICATE-----, "
                + "line " + line + ") is damaged or cut short. Paste the whole text, from -----BEGIN CERTIFICATE----- "
                + "to its END line.", e.getMessage());
    }

    @Test
    void aBlockOfAKindCertgateDoesNotReadIsNamed() {
        String chain = text("ec.crt.pem") + "-----BEGIN FOO BAR-----\nAAAA\n-----END FOO BAR-----\n";
        BadInputException e = assertThrows(BadInputException.class, () -> Pem.readCertificates(chain));
        assertTrue(e.getMessage().startsWith("The certificate chain could not be read: its 2nd PEM block "
                + "(-----BEGIN FOO BAR-----, line "), e.getMessage());
        assertTrue(e.getMessage().contains("is of a kind certgate does not read"), e.getMessage());
    }

    @Test
    void aMangledBeginLineIsNamed() {
        String chain = text("ec.crt.pem") + "\n-----BEGIN CERTIFICATE----\nAAAA\n";
        BadInputException e = assertThrows(BadInputException.class, () -> Pem.readCertificates(chain));
        assertTrue(e.getMessage().contains("its 2nd PEM block (-----BEGIN CERTIFICATE----, line "), e.getMessage());
        assertTrue(e.getMessage().contains("has a BEGIN line that is not a PEM header"), e.getMessage());
    }

    @Test
    void aChainOfElevenIsRefused() {
        String eleven = text("ec.crt.pem").repeat(11);
        BadInputException e = assertThrows(BadInputException.class,
                () -> PemImport.parse(eleven, text("ec.key.pem"), NOW));
        assertEquals("The certificate chain holds 11 certificates; certgate takes at most 10 (the certificate, its "
                + "intermediates and a root). Give only the chain of this certificate.", e.getMessage());
        // ten is taken (the copies are the same certificate: one is kept)
        assertDoesNotThrow(() -> PemImport.parse(text("ec.crt.pem").repeat(10), text("ec.key.pem"), NOW));
    }

    @Test
    void aPkcs12AskingForMillionsOfMacIterationsIsRefusedBeforeAnyDerivation() throws Exception {
        Pfx pfx = Pfx.getInstance(ASN1Primitive.fromByteArray(bytes("formats/rsa2048.p12")));
        MacData mac = pfx.getMacData();
        byte[] hostile = new Pfx(pfx.getAuthSafe(), new MacData(mac.getMac(), mac.getSalt(), 50_000_000))
                .getEncoded("DER");
        BadInputException e = refusedFast(() -> CertificateImport.fromPkcs12(hostile, SECRET, NOW));
        assertEquals("pkcs12", e.field());
        assertEquals("The PKCS#12 file's integrity check asks for 50000000 key-derivation iterations; certgate takes "
                + "from 1 to 1000000. Export or encrypt it again with the defaults of openssl or keytool (2 048 and "
                + "10 000 iterations).", e.getMessage());
    }

    @Test
    void anEncryptedKeyAskingForTenMillionPbkdf2RoundsIsRefusedBeforeAnyDerivation() throws Exception {
        EncryptedPrivateKeyInfo info = encryptedKey();
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        PBKDF2Params kdf = PBKDF2Params.getInstance(pbes2.getKeyDerivationFunc().getParameters());
        PBKDF2Params costly = new PBKDF2Params(kdf.getSalt(), 10_000_000, kdf.getPrf());
        String pem = withKdf(info, pbes2, new KeyDerivationFunc(PKCSObjectIdentifiers.id_PBKDF2, costly));
        BadInputException e = refusedFast(() -> Pem.readPrivateKey(pem, SECRET));
        assertEquals("passphrase", e.field());
        assertTrue(e.getMessage().startsWith("The private key's encryption (PBKDF2) asks for 10000000 "
                + "key-derivation iterations; certgate takes from 1 to 1000000."), e.getMessage());
    }

    @Test
    void anEncryptedKeyAskingForAGigabyteOfScryptIsRefusedBeforeAnyDerivation() throws Exception {
        EncryptedPrivateKeyInfo info = encryptedKey();
        PBES2Parameters pbes2 = PBES2Parameters.getInstance(info.getEncryptionAlgorithm().getParameters());
        ASN1EncodableVector scrypt = new ASN1EncodableVector();
        scrypt.add(new DEROctetString(new byte[16]));
        scrypt.add(new ASN1Integer(1 << 20)); // N
        scrypt.add(new ASN1Integer(8));       // r: 128 · N · r = 1 GiB
        scrypt.add(new ASN1Integer(1));       // p
        String pem = withKdf(info, pbes2, new KeyDerivationFunc(
                new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11"), new DERSequence(scrypt)));
        BadInputException e = refusedFast(() -> Pem.readPrivateKey(pem, SECRET));
        assertEquals("The private key's encryption asks for scrypt with N=1048576, r=8, p=1; certgate takes at most "
                + "64 MiB (128·N·r) and p up to 16. Encrypt the key again with openssl pkcs8 -topk8 -v2 aes-256-cbc.",
                e.getMessage());
    }

    @Test
    void theUsualCostsStillOpen() throws Exception {
        // openssl's and keytool's defaults, as in the fixtures
        assertDoesNotThrow(() -> CertificateImport.fromPkcs12(bytes("formats/rsa2048.p12"), SECRET, NOW));
        assertDoesNotThrow(() -> CertificateImport.fromPkcs12(bytes("formats/keytool-ec256.p12"), SECRET, NOW));
        assertDoesNotThrow(() -> Pem.readPrivateKey(text("formats/ec256-pkcs8-encrypted.key.pem"), SECRET));
    }

    @Test
    void aSubjectThatIsNotUtf8IsShownEscaped() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        // a UTF8String CN holding "caf" + 0xC3 0x28: 0xC3 starts a two-byte sequence, 0x28 cannot continue it
        ASN1Encodable badUtf8 = ASN1Primitive.fromByteArray(new byte[]{0x0C, 5, 'c', 'a', 'f', (byte) 0xC3, 0x28});
        X500Name subject = new X500Name(new RDN[]{new RDN(new AttributeTypeAndValue(BCStyle.CN, badUtf8))});
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
                Date.from(Instant.parse("2029-01-01T00:00:00Z")), Date.from(Instant.parse("2031-01-01T00:00:00Z")),
                subject, pair.getPublic());
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
        String pem = Pem.encodeCertificates(List.of(certificate));
        String key = Pem.armor("PRIVATE KEY", pair.getPrivate().getEncoded());

        ImportedCertificate imported = PemImport.parse(pem, key, NOW);
        assertEquals("caf\\xC3(", imported.leaf().commonName());
    }

    private static EncryptedPrivateKeyInfo encryptedKey() throws Exception {
        String pem = text("formats/ec256-pkcs8-encrypted.key.pem");
        byte[] der = java.util.Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        return EncryptedPrivateKeyInfo.getInstance(der);
    }

    private static String withKdf(EncryptedPrivateKeyInfo info, PBES2Parameters pbes2, KeyDerivationFunc kdf)
            throws Exception {
        PBES2Parameters changed = new PBES2Parameters(kdf, EncryptionScheme.getInstance(
                pbes2.getEncryptionScheme().toASN1Primitive()));
        EncryptedPrivateKeyInfo hostile = new EncryptedPrivateKeyInfo(
                new AlgorithmIdentifier(PKCSObjectIdentifiers.id_PBES2, changed), info.getEncryptedData());
        return Pem.armor("ENCRYPTED PRIVATE KEY", hostile.getEncoded("DER"));
    }

    interface Call {
        void run() throws CoreException;
    }

    private static BadInputException refusedFast(Call call) {
        long started = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, call::run);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(took.compareTo(FAST) < 0, "refused in " + took.toMillis() + " ms, before any derivation");
        return e;
    }

    private static void assertDoesNotThrow(Call call) {
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(call::run);
    }
}
