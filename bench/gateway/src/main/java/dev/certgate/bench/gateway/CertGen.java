package dev.certgate.bench.gateway;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Generates the benchmark's certificate sets: {@code DIR/ec} with N leaves for {@code e1.bench.test .. eN.bench.test}
 * (ECDSA P-256) and {@code DIR/rsa} with N leaves for {@code r1..rN.bench.test} (RSA-2048), each leaf its own key,
 * signed by one issuing CA per set (same key type). Per leaf: {@code i.crt} (leaf then CA, PEM) and {@code i.key}
 * (PKCS#8 PEM, unencrypted). The JDK generates the keys (openssl is far slower for 10 000), Bouncy Castle builds the
 * certificates; all cores are used. Sets already generated (a {@code count} file ≥ N) are kept.
 *
 * <pre>CertGen DIR N [ec|rsa|both]</pre>
 */
public final class CertGen {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        String which = args.length > 2 ? args[2] : "both";
        if (!which.equals("rsa")) {
            generate(dir.resolve("ec"), "e", n, "EC", "SHA256withECDSA");
        }
        if (!which.equals("ec")) {
            generate(dir.resolve("rsa"), "r", n, "RSA", "SHA256withRSA");
        }
    }

    private static void generate(Path dir, String prefix, int n, String keyType, String signature) throws Exception {
        Path countFile = dir.resolve("count");
        if (Files.exists(countFile) && Integer.parseInt(Files.readString(countFile).trim()) >= n) {
            System.err.println("certgen: " + dir + " already has >= " + n + " certificates");
            return;
        }
        Files.createDirectories(dir);
        long started = System.nanoTime();
        KeyPair ca = keyPair(keyType);
        Instant now = Instant.now();
        Date from = Date.from(now.minus(Duration.ofDays(1)));
        Date to = Date.from(now.plus(Duration.ofDays(365)));
        X500Name caName = new X500Name("CN=certgate bench " + keyType + " CA");
        X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, from, to, caName,
                ca.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        String caPem = pem("CERTIFICATE", caBuilder.build(signer(signature, ca)).getEncoded());
        AtomicLong done = new AtomicLong();
        IntStream.rangeClosed(1, n).parallel().forEach(i -> {
            try {
                KeyPair leaf = keyPair(keyType);
                String name = prefix + i + ".bench.test";
                X509CertificateHolder cert = leafBuilder(caName, name, i, from, to, leaf.getPublic())
                        .build(signer(signature, ca));
                Files.writeString(dir.resolve(i + ".crt"), pem("CERTIFICATE", cert.getEncoded()) + caPem);
                Files.writeString(dir.resolve(i + ".key"), pem("PRIVATE KEY", leaf.getPrivate().getEncoded()));
                long d = done.incrementAndGet();
                if (d % 1000 == 0) {
                    System.err.println("certgen: " + dir.getFileName() + " " + d + "/" + n);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Files.writeString(dir.resolve("ca.crt"), caPem);
        Files.writeString(countFile, n + "\n");
        System.err.printf("certgen: %d %s certificates in %.1f s%n", n, keyType, (System.nanoTime() - started) / 1e9);
    }

    private static X509v3CertificateBuilder leafBuilder(X500Name issuer, String name, int serial, Date from, Date to,
                                                        PublicKey key) throws Exception {
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(1000L + serial), from, to,
                new X500Name("CN=" + name), key)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
    }

    private static KeyPair keyPair(String keyType) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(keyType);
        if (keyType.equals("EC")) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(2048);
        }
        return generator.generateKeyPair();
    }

    private static ContentSigner signer(String algorithm, KeyPair ca) throws Exception {
        return new JcaContentSignerBuilder(algorithm).build(ca.getPrivate());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
