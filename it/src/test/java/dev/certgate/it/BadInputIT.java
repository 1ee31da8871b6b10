package dev.certgate.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad import gets a clear problem document, and nothing is stored. */
class BadInputIT {

    @TempDir
    Path dir;

    @Test
    void emptyInputs() throws Exception {
        assertRefused(() -> CertgateApi.importPem("", ""), 400, "The certificate chain is empty.");
    }

    @Test
    void notPem() throws Exception {
        Openssl.Pair pair = pair();
        assertRefused(() -> CertgateApi.importPem("hello, this is not a certificate", pair.keyPem()), 400,
                "The certificate chain is not PEM text.");
    }

    @Test
    void noPrivateKey() throws Exception {
        Openssl.Pair pair = pair();
        assertRefused(() -> CertgateApi.importPem(pair.certificatePem(), pair.certificatePem()), 400,
                "The private key field holds no private key (it holds a certificate).");
    }

    @Test
    void keyDoesNotMatch() throws Exception {
        Openssl.Pair pair = pair();
        Openssl.Pair other = Openssl.selfSigned(dir, "other-" + pair.certificate().getFileName(), "ec");
        String name = pair.certificate().getFileName().toString().replace(".ec.crt.pem", "");
        assertRefused(() -> CertgateApi.importPem(pair.certificatePem(), other.keyPem()), 422,
                "The private key does not match the certificate for " + name + ".");
    }

    @Test
    void expired() throws Exception {
        String name = "expired-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Openssl.Pair pair = Openssl.expired(dir, name);
        assertRefused(() -> CertgateApi.importPem(pair.certificatePem(), pair.keyPem()), 422,
                "The certificate for " + name + " expired on 2021-01-01 00:00 UTC.");
    }

    private Openssl.Pair pair() throws Exception {
        return Openssl.selfSigned(dir, "bad-" + UUID.randomUUID().toString().substring(0, 8) + ".test", "ec");
    }

    private static void assertRefused(Callable<CertgateApi.Answer> call, int status, String detailStart)
            throws Exception {
        int before = CertgateApi.list().body().get("total").asInt();
        CertgateApi.Answer answer = call.call();
        assertEquals(status, answer.status(), answer.body().toString());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        String detail = answer.body().get("detail").asText();
        assertTrue(detail.startsWith(detailStart), detail);
        assertFalse(answer.body().toString().contains("Exception"), "no stack trace or exception name");
        assertEquals(before, CertgateApi.list().body().get("total").asInt(), "nothing stored");
    }
}
