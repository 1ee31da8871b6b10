package dev.certgate.client;

import dev.certgate.api.AcmeCaException;
import dev.certgate.api.AcmeDomainNotFoundException;
import dev.certgate.api.ApplicationNotFoundException;
import dev.certgate.api.AuditAction;
import dev.certgate.api.AuditEntry;
import dev.certgate.api.CertificateInUseException;
import dev.certgate.api.ConcurrentChangeException;
import dev.certgate.api.DuplicateUserException;
import dev.certgate.api.ErrorCategory;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyMismatchException;
import dev.certgate.api.LastAdminException;
import dev.certgate.api.UserNotFoundException;
import dev.certgate.api.WrongPasswordException;
import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.security.sasl.SaslException;

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
        var entry = new AuditEntry(Instant.parse("2026-01-02T03:04:05Z"), "ann", null, AuditAction.SIGN_IN, "t\"1",
                "line\nbreak");
        assertEquals("""
                {
                  "time": "2026-01-02T03:04:05Z",
                  "user": "ann",
                  "address": null,
                  "action": "SIGN_IN",
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
        assertEquals(ExitCodes.NOT_FOUND, code(new UserNotFoundException("ann")));
        assertEquals(ExitCodes.NOT_FOUND, code(new AcmeDomainNotFoundException("a.test")));
        assertEquals(ExitCodes.CONFLICT, code(new DuplicateUserException("ann")));
        assertEquals(ExitCodes.CONFLICT, code(new LastAdminException("ann", "deleted")));
        assertEquals(ExitCodes.BAD_INPUT, code(new WrongPasswordException()), "bad input, not a failed sign-in");
        assertEquals(ExitCodes.BAD_INPUT, code(new AcmeCaException("The CA refused")));
        assertEquals(ExitCodes.UNAVAILABLE, code(new AcmeCaException(ErrorCategory.UNAVAILABLE,
                "The CA cannot be reached", null)));
    }

    @Test
    void aSecretIsTheFirstLineOfItsInputAsItIs() throws Exception {
        assertEquals(" two words ", new String(Secrets.firstLine(stream(" two words \r\nsecond\n"), "secret")));
        assertEquals("no line end", new String(Secrets.firstLine(stream("no line end"), "secret")));
        assertEquals("caf\u00e9-\u00fcber", new String(Secrets.firstLine(stream("caf\u00e9-\u00fcber\n"), "secret")));
        Failures.UsageException empty = assertThrows(Failures.UsageException.class,
                () -> Secrets.firstLine(stream("\nsecond\n"), "new password"));
        assertEquals("Standard input holds no new password (it is read from its first line).", empty.getMessage());
        assertThrows(Failures.UsageException.class, () -> Secrets.firstLine(stream("x".repeat(5000)), "secret"));
    }

    @Test
    void everyCommandTakesHelpBeforeItsRequiredOptions() {
        for (String[] args : List.of(new String[] {"cert", "import", "--help"},
                new String[] {"acme", "account", "save", "--help"}, new String[] {"user", "add", "--help"},
                new String[] {"password", "--help"})) {
            StringWriter out = new StringWriter();
            assertEquals(ExitCodes.OK, Certgate.run(args, new PrintWriter(out), new PrintWriter(new StringWriter())),
                    String.join(" ", args));
            assertTrue(out.toString().startsWith("Usage: certgate " + args[0]), out.toString());
        }
    }

    @Test
    void newCommandsRefuseBadInputBeforeSigningIn() {
        for (String[] args : List.of(new String[] {"acme", "account", "save", "--email", "a@b.test"},
                new String[] {"acme", "account", "deactivate"}, new String[] {"acme", "renew"},
                new String[] {"user", "add", "ann"}, new String[] {"user", "set-roles", "ann"},
                new String[] {"cert", "revoke"}, new String[] {"user", "frobnicate"})) {
            StringWriter err = new StringWriter();
            assertEquals(ExitCodes.BAD_INPUT, Certgate.run(args, new PrintWriter(new StringWriter()),
                    new PrintWriter(err)), String.join(" ", args));
            assertTrue(err.toString().startsWith("certgate: "), err.toString());
        }
    }

    private static java.io.InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void expectedFailuresPrintOneLineAndNoStackTrace() {
        StringWriter text = new StringWriter();
        int code = Failures.report(new CertificateInUseException("a.test", List.of("a.test", "b.test")),
                new PrintWriter(text), false, () -> false);
        assertEquals(ExitCodes.CONFLICT, code);
        assertEquals("certgate: The certificate for a.test is used by a.test, b.test. Bind those domains to another "
                + "certificate first.", text.toString().strip());
        assertFalse(text.toString().contains("\tat "));
    }

    @Test
    void aRefusedSignInIsTheDatabasesFaultOnlyWhenTheServerSaysSo() {
        Exception refused = new IllegalStateException("connect failed",
                new javax.security.sasl.SaslException("Authentication failed: all available authentication "
                        + "mechanisms failed"));
        StringWriter wrongPassword = new StringWriter();
        assertEquals(ExitCodes.AUTHENTICATION, Failures.report(refused, new PrintWriter(wrongPassword), false,
                () -> false));
        assertTrue(wrongPassword.toString().contains("refused the user name or password"), wrongPassword.toString());
        StringWriter away = new StringWriter();
        assertEquals(ExitCodes.UNAVAILABLE, Failures.report(refused, new PrintWriter(away), false, () -> true));
        assertEquals("certgate: " + Failures.DATABASE_AWAY, away.toString().strip());
        // any other failure never asks
        assertEquals(ExitCodes.CONFLICT, Failures.report(new CertificateInUseException("a.test", List.of("a.test")),
                new PrintWriter(new StringWriter()), false, () -> {
                    throw new AssertionError("asked the server for a failure that is not a refused sign-in");
                }));
    }

    @Test
    void bindingADomainToAcmeAgainKeepsItsProfileUnlessOneIsNamed() throws Exception {
        dev.certgate.api.HostName name = dev.certgate.api.HostName.parse("a.test", "domain", "domain");
        dev.certgate.api.DomainSettings had = new dev.certgate.api.DomainSettings(name, null,
                dev.certgate.api.AcmeSettings.of(dev.certgate.api.ChallengeType.HTTP_01, null, "shortlived"),
                false, false);
        dev.certgate.api.DomainSettings given = new dev.certgate.api.DomainSettings(name, null,
                dev.certgate.api.AcmeSettings.of(dev.certgate.api.ChallengeType.TLS_ALPN_01,
                        dev.certgate.api.KeyType.RSA_2048, null), true, false);
        dev.certgate.api.DomainSettings kept = AppCommands.keepingProfile(given, had);
        assertEquals("shortlived", kept.acme().profile());
        assertEquals(dev.certgate.api.ChallengeType.TLS_ALPN_01, kept.acme().challenge());
        assertEquals(dev.certgate.api.KeyType.RSA_2048, kept.acme().keyType());
        assertTrue(kept.redirectHttps());
        // bound to a stored certificate instead, or had none: as given
        dev.certgate.api.DomainSettings certificate = new dev.certgate.api.DomainSettings(name, "id", null, false,
                false);
        assertEquals(certificate, AppCommands.keepingProfile(certificate, had));
        assertEquals(given, AppCommands.keepingProfile(given, certificate));
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

    @Test
    void auditTimesAsUsersTypeThem() throws Exception {
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), AuditCommand.time("--from", "2026-11-27", false));
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), AuditCommand.time("--to", "2026-11-27", true),
                "a day given to --to ends with that day");
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), AuditCommand.time("--from", "2026-11-27T10:00:00Z", false));
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"),
                AuditCommand.time("--to", "2026-11-27T11:00:00+01:00", true));
        assertEquals(null, AuditCommand.time("--from", null, false));
        Failures.UsageException bad = assertThrows(Failures.UsageException.class,
                () -> AuditCommand.time("--from", "yesterday", false));
        assertTrue(bad.getMessage().startsWith("--from yesterday is not a time"), bad.getMessage());
        assertEquals(ExitCodes.BAD_INPUT, code(bad));
        assertThrows(Failures.UsageException.class, () -> AuditCommand.time("--to", "2026-13-01", true));
    }

    private static int code(Throwable failure) {
        return Failures.classify(failure).exitCode();
    }
}
