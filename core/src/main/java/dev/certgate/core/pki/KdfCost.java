package dev.certgate.core.pki;

import dev.certgate.core.BadInputException;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.pkcs.PBEParameter;
import org.bouncycastle.asn1.pkcs.PBKDF2Params;
import org.bouncycastle.asn1.pkcs.PKCS12PBEParams;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;

import java.math.BigInteger;
import java.util.Set;

/**
 * The cost a password-protected file asks for, checked before anything derives a key from the password: the
 * iteration count of PBKDF2, of the PKCS#12 key derivation and of PBES1, and scrypt's memory and parallelism. A file
 * may ask for any cost (a PKCS#12 with 2³¹ iterations is a valid file); certgate does not pay more than
 * {@link #MAX_ITERATIONS} or {@link #MAX_SCRYPT_MEMORY_BYTES}, so a hostile upload costs at most a second or two of
 * CPU. The defaults of openssl (2 048), keytool (10 000) and Windows (2 000) are far below.
 */
final class KdfCost {

    /** The most iterations taken, for each key derivation of a file: a million PBKDF2 rounds, about a second. */
    static final int MAX_ITERATIONS = 1_000_000;
    /** The most memory an scrypt derivation may ask for (128 · N · r bytes): 64 MiB. */
    static final long MAX_SCRYPT_MEMORY_BYTES = 64L * 1024 * 1024;
    /** The most scrypt parallelism taken (p; each unit runs the whole memory-hard function again). */
    static final int MAX_SCRYPT_PARALLELISM = 16;

    private static final ASN1ObjectIdentifier SCRYPT = new ASN1ObjectIdentifier("1.3.6.1.4.1.11591.4.11");
    /** PBES1 (PKCS#5 v1.5): pbeWithMD2AndDES … pbeWithSHA1AndRC2. */
    private static final Set<ASN1ObjectIdentifier> PBES1 = Set.of(PKCSObjectIdentifiers.pbeWithMD2AndDES_CBC,
            PKCSObjectIdentifiers.pbeWithMD2AndRC2_CBC, PKCSObjectIdentifiers.pbeWithMD5AndDES_CBC,
            PKCSObjectIdentifiers.pbeWithMD5AndRC2_CBC, PKCSObjectIdentifiers.pbeWithSHA1AndDES_CBC,
            PKCSObjectIdentifiers.pbeWithSHA1AndRC2_CBC);
    /** How deep the structure is searched; real files are 6 to 10 levels deep. */
    private static final int MAX_DEPTH = 24;

    private KdfCost() {
    }

    /**
     * Checks a PKCS#12 file: its MAC's iterations and every key derivation whose parameters are visible before
     * decryption (the encrypted certificate bag's and the shrouded key bag's, as openssl, keytool and Windows write
     * them). Bytes that are not PKCS#12 pass: reading them fails later with its own message.
     */
    static void checkPkcs12(byte[] pkcs12, String field) throws BadInputException {
        ASN1Primitive root;
        try {
            root = ASN1Primitive.fromByteArray(pkcs12);
        } catch (java.io.IOException | RuntimeException e) {
            return;
        }
        try {
            Pfx pfx = Pfx.getInstance(root);
            if (pfx.getMacData() != null) {
                iterations(pfx.getMacData().getIterationCount(), field, "the PKCS#12 file's integrity check");
            }
        } catch (RuntimeException e) {
            // not a PFX structure: nothing to check here
        }
        walk(root, field, "the PKCS#12 file", 0);
    }

    /** Checks the encryption parameters of an encrypted PKCS#8 key. */
    static void checkEncryptedKey(ASN1Encodable encryptionAlgorithm, String field) throws BadInputException {
        walk(encryptionAlgorithm, field, "the private key's encryption", 0);
    }

    private static void walk(ASN1Encodable node, String field, String what, int depth) throws BadInputException {
        if (node == null || depth > MAX_DEPTH) {
            return;
        }
        ASN1Primitive primitive = node.toASN1Primitive();
        if (primitive instanceof ASN1Sequence sequence) {
            if (sequence.size() == 2 && sequence.getObjectAt(0) instanceof ASN1ObjectIdentifier algorithm) {
                check(algorithm, sequence.getObjectAt(1), field, what);
            }
            for (ASN1Encodable child : sequence) {
                walk(child, field, what, depth + 1);
            }
        } else if (primitive instanceof ASN1Set set) {
            for (ASN1Encodable child : set) {
                walk(child, field, what, depth + 1);
            }
        } else if (primitive instanceof ASN1TaggedObject tagged) {
            walk(tagged.getBaseObject(), field, what, depth + 1);
        } else if (primitive instanceof ASN1OctetString octets) {
            // PKCS#12 wraps its safe contents in OCTET STRINGs holding DER: look inside those that are a SEQUENCE
            byte[] inner = octets.getOctets();
            if (inner.length > 2 && inner[0] == 0x30) {
                try {
                    walk(ASN1Primitive.fromByteArray(inner), field, what, depth + 1);
                } catch (java.io.IOException | RuntimeException e) {
                    // not DER inside (a salt, a digest, encrypted data): nothing to check
                }
            }
        }
    }

    private static void check(ASN1ObjectIdentifier algorithm, ASN1Encodable parameters, String field, String what)
            throws BadInputException {
        try {
            if (PKCSObjectIdentifiers.id_PBKDF2.equals(algorithm)) {
                iterations(PBKDF2Params.getInstance(parameters).getIterationCount(), field, what + " (PBKDF2)");
            } else if (algorithm.on(PKCSObjectIdentifiers.pkcs_12PbeIds)) {
                iterations(PKCS12PBEParams.getInstance(parameters).getIterations(), field, what);
            } else if (PBES1.contains(algorithm)) {
                iterations(PBEParameter.getInstance(parameters).getIterationCount(), field, what);
            } else if (SCRYPT.equals(algorithm)) {
                scrypt(ASN1Sequence.getInstance(parameters), field, what);
            }
        } catch (IllegalArgumentException | IllegalStateException | ClassCastException e) {
            // damaged parameters: the reader that uses them refuses the file with its own message
        }
    }

    private static void iterations(BigInteger count, String field, String what) throws BadInputException {
        if (count.signum() <= 0 || count.compareTo(BigInteger.valueOf(MAX_ITERATIONS)) > 0) {
            throw new BadInputException(field, capitalised(what) + " asks for " + count + " key-derivation "
                    + "iterations; certgate takes from 1 to " + MAX_ITERATIONS + ". Export or encrypt it again with "
                    + "the defaults of openssl or keytool (2 048 and 10 000 iterations).");
        }
    }

    private static void scrypt(ASN1Sequence parameters, String field, String what) throws BadInputException {
        // ScryptParams ::= SEQUENCE { salt OCTET STRING, costParameter N, blockSize r, parallelizationParameter p,
        //                             keyLength OPTIONAL } (RFC 7914, section 7)
        BigInteger n = ASN1Integer.getInstance(parameters.getObjectAt(1)).getValue();
        BigInteger r = ASN1Integer.getInstance(parameters.getObjectAt(2)).getValue();
        BigInteger p = ASN1Integer.getInstance(parameters.getObjectAt(3)).getValue();
        BigInteger memory = BigInteger.valueOf(128).multiply(n).multiply(r);
        if (n.signum() <= 0 || r.signum() <= 0 || p.signum() <= 0
                || memory.compareTo(BigInteger.valueOf(MAX_SCRYPT_MEMORY_BYTES)) > 0
                || p.compareTo(BigInteger.valueOf(MAX_SCRYPT_PARALLELISM)) > 0) {
            throw new BadInputException(field, capitalised(what) + " asks for scrypt with N=" + n + ", r=" + r
                    + ", p=" + p + "; certgate takes at most " + MAX_SCRYPT_MEMORY_BYTES / (1024 * 1024)
                    + " MiB (128·N·r) and p up to " + MAX_SCRYPT_PARALLELISM + ". Encrypt the key again with "
                    + "openssl pkcs8 -topk8 -v2 aes-256-cbc.");
        }
    }

    private static String capitalised(String what) {
        return Character.toUpperCase(what.charAt(0)) + what.substring(1);
    }
}
