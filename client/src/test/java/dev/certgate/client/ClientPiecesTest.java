package dev.certgate.client;

import dev.certgate.api.ApplicationNotFoundException;
import dev.certgate.api.AuditEntry;
import dev.certgate.api.CertificateInUseException;
import dev.certgate.api.ConcurrentChangeException;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyMismatchException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;

import javax.security.sasl.SaslException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The parts of the client that need no server: URLs, JSON, and what each failure means to a script. */
class ClientPiecesTest {

    @Test
    void serverUrlsAsUsersTypeThem() throws Exception {
        assertEquals("remote+http://127.0.0.1:8080", Certgate.remoteUrl("remote+http://127.0.0.1:8080/"));
        assertEquals("remote+http://localhost:8080", Certgate.remoteUrl("http://localhost:8080"));
        assertEquals("remote+https://h:8443", Certgate.remoteUrl("https://h:8443"));
        assertEquals("remote+http://[::1]:8080", Certgate.remoteUrl("[::1]:8080"));
        assertEquals("remote+https://h:8443", Certgate.remoteUrl("remote+https://h:8443"));
        // the password goes in clear over remote+http: only to this machine
        Failures.UsageException clear = assertThrows(Failures.UsageException.class,
                () -> Certgate.remoteUrl("h:8080"));
        org.junit.jupiter.api.Assertions.assertTrue(clear.getMessage().contains("use remote+https://"),
                clear.getMessage());
        assertThrows(Failures.UsageException.class, () -> Certgate.remoteUrl("ftp://h"));
    }

    @Test
    void jsonHasTheRestApisFieldNames() {
        var entry = new AuditEntry(Instant.parse("2026-01-02T03:04:05Z"), "ann", null, "X", "t\"1",
                "line\nbreak");
        assertEquals("""
                {
                  "time": "2026-01-02T03:04:05Z",
                  "user": "ann",
                  "address": null,
                  "action": "X",
                  "target": "t\\"1",
                  "summary": "line\\nbreak"
                }""", Json.write(entry));
        assertEquals("[]", Json.write(List.of()));
        assertEquals("{\n  \"deleted\": \"7\"\n}", Json.write(Map.of("deleted", "7")));
    }

    @Test
    void eachFailureHasItsExitCode() {
        assertEquals(ExitCodes.BAD_INPUT, code(new InvalidInputException("x", "bad")));
        assertEquals(ExitCodes.BAD_INPUT, code(new KeyMismatchException("a.test")));
        assertEquals(ExitCodes.NOT_FOUND, code(new ApplicationNotFoundException("9")));
        assertEquals(ExitCodes.CONFLICT, code(new CertificateInUseException("a.test", List.of("a.test"))));
        assertEquals(ExitCodes.CONFLICT, code(new ConcurrentChangeException("The application")));
        assertEquals(ExitCodes.FORBIDDEN, code(new EJBAccessException("WFLYEJB0364: not allowed")));
        var refused = new EJBException("EJBCLIENT000079: Unable to discover destination");
        refused.addSuppressed(new IllegalStateException("wrapped", new SaslException("Authentication failed")));
        assertEquals(ExitCodes.AUTHENTICATION, code(refused));
        assertEquals(ExitCodes.UNREACHABLE, code(new EJBException(new ConnectException("Connection refused"))));
        assertEquals(ExitCodes.ERROR, code(new EJBException("Failed to read response")));
    }

    @Test
    void expectedFailuresPrintOneLineAndNoStackTrace() {
        StringWriter text = new StringWriter();
        int code = Failures.report(new CertificateInUseException("a.test", List.of("a.test", "b.test")),
                new PrintWriter(text), false);
        assertEquals(ExitCodes.CONFLICT, code);
        assertEquals("certgate: The certificate for a.test is used by a.test, b.test. Bind those domains to another "
                + "certificate first.", text.toString().strip());
        assertFalse(text.toString().contains("\tat "));
    }

    @Test
    void noCommandIsBadInput() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(ExitCodes.BAD_INPUT, Certgate.run(new String[0], new PrintWriter(out), new PrintWriter(err)));
        assertEquals(ExitCodes.BAD_INPUT, Certgate.run(new String[] {"cert", "show"}, new PrintWriter(out),
                new PrintWriter(err)));
        assertEquals(ExitCodes.OK, Certgate.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(err)));
        assertTrue(out.toString().contains("7  server unreachable"));
    }

    private static int code(Throwable failure) {
        return Failures.classify(failure).exitCode();
    }
}
