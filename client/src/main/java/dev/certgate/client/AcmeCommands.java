package dev.certgate.client;

import dev.certgate.api.AcmeAccountRequest;
import dev.certgate.api.AcmeAccountView;
import dev.certgate.api.AcmeDirectoryInfo;
import dev.certgate.api.AcmeDomainNotFoundException;
import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.AcmeService;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code certgate acme ...}: the installation's ACME account, the state of every ACME domain, and renewal on demand.
 * Orders run on the server in the background; {@code acme status} shows how they went.
 */
@Command(name = "acme", description = "Show and set the ACME account; show the ACME domains' state; renew a "
        + "domain's certificate now.", mixinStandardHelpOptions = true, subcommands = AcmeCommands.Account.class,
        footer = {"", ExitCodes.HELP})
final class AcmeCommands implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    @Override
    public Integer call() {
        root.out().println("Commands: account, status, profiles, renew (certgate acme --help).");
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "status", description = "Every domain whose certificate ACME obtains: its state (PENDING, VALID, "
            + "RENEWING, FAILING), its certificate, the last attempt and why it failed, the next attempt.")
    int status(@Parameters(arity = "0..*", paramLabel = "DOMAIN", description = "Only these domains.")
               List<String> only) throws Exception {
        List<AcmeDomainView> domains = call(AcmeService::domains);
        if (only != null && !only.isEmpty()) {
            List<AcmeDomainView> chosen = new ArrayList<>();
            for (String wanted : only) {
                String name = HostName.parse(wanted, "domain", "domain").toString();
                chosen.add(domains.stream().filter(d -> d.domain().equals(name)).findFirst()
                        .orElseThrow(() -> new AcmeDomainNotFoundException(wanted)));
            }
            domains = chosen;
        }
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(domains));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AcmeDomainView d : domains) {
            rows.add(List.of(d.domain(), d.state(), Output.orDash(d.certificateId()), Output.day(d.notAfter()),
                    Output.orDash(Output.minute(d.lastAttempt())), Output.orDash(Output.minute(d.nextAttempt())),
                    Integer.toString(d.failureCount()), Output.orDash(d.errorCause())));
        }
        Output.table(out, List.of("DOMAIN", "STATE", "CERTIFICATE", "EXPIRES", "LAST ATTEMPT", "NEXT ATTEMPT",
                "FAILURES", "CAUSE"), rows);
        for (AcmeDomainView d : domains) {
            if (d.lastError() != null) {
                out.println(d.domain() + ": " + d.lastError());
            }
        }
        out.println(domains.size() + " ACME domain(s)");
        return ExitCodes.OK;
    }

    @Command(name = "profiles", description = "The certificate profiles the account's CA offers now (from its "
            + "directory), with its descriptions: what --acme-profile of certgate app create and app bind takes.")
    int profiles() throws Exception {
        List<AcmeDirectoryInfo.Profile> offered = call(AcmeService::profiles);
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(offered));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AcmeDirectoryInfo.Profile p : offered) {
            rows.add(List.of(p.name(), Output.orDash(p.description())));
        }
        Output.table(out, List.of("PROFILE", "DESCRIPTION"), rows);
        out.println(offered.size() + " profile(s)" + (offered.isEmpty() ? ": the CA lists none, so orders use its "
                + "default" : ""));
        return ExitCodes.OK;
    }

    @Command(name = "renew", description = "Order a new certificate for an ACME domain now, in the background "
            + "(admin, operator); the current certificate is served until the new one replaces it. "
            + "See how it went with: certgate acme status DOMAIN.")
    int renew(@Parameters(paramLabel = "DOMAIN") String domain) throws Exception {
        HostName name = HostName.parse(domain, "domain", "domain"); // as the REST API reads its path
        AcmeDomainView state = call(acme -> acme.renew(name));
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(state));
            return ExitCodes.OK;
        }
        out.println("Ordering a new certificate for " + state.domain() + "; see: certgate acme status "
                + state.domain());
        Output.fields(out, List.of(
                new String[] {"state", state.state()},
                new String[] {"certificate", Output.orDash(state.certificateId())},
                new String[] {"expires", Output.orDash(Output.minute(state.notAfter()))}));
        return ExitCodes.OK;
    }

    private <T> T call(RemoteCall<AcmeService, T> call) throws Exception {
        return root.call(AcmeService.class, "AcmeServiceBean", call);
    }

    /** {@code certgate acme account ...}: the one ACME account of the installation. */
    @Command(name = "account", description = "Show the ACME account (without a subcommand), or save, roll over or "
            + "deactivate it (admin).", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
    static final class Account implements Callable<Integer> {

        static final String EAB_HMAC_KEY_ENV = "CERTGATE_EAB_HMAC_KEY";

        @ParentCommand
        private AcmeCommands acme;

        @Override
        public Integer call() throws Exception {
            return show();
        }

        @Command(name = "show", description = "Show the ACME account: its CA, contact, terms and status (NONE when "
                + "none is set). Never a key.")
        int show() throws Exception {
            return print(acme.call(AcmeService::account), null);
        }

        @Command(name = "save", description = {"Register the ACME account at a CA (or find it again) and keep it "
                + "(admin). Saving again with the same directory keeps the account and its key and updates the "
                + "contact. The account key (EC P-256 unless --key-type says otherwise) is sealed under the instance key.",
                "Example: certgate acme account save --directory letsencrypt --email ops@example.com --agree-tos"})
        int save(@Option(names = "--directory", required = true, paramLabel = "URL",
                         description = "An https:// RFC 8555 directory URL, or a preset: letsencrypt, "
                                 + "letsencrypt-staging.") String directory,
                 @Option(names = "--email", paramLabel = "ADDRESS",
                         description = "The contact the CA writes to about expiry and incidents (recommended).")
                 String email,
                 @Option(names = "--agree-tos", description = "Agree to the CA's terms of service (required; "
                         + "without it the answer names them).") boolean agreed,
                 @Option(names = "--default-profile", paramLabel = "NAME",
                         description = "The CA's certificate profile for domains that name none (one the CA's "
                                 + "directory lists, e.g. shortlived); without it, the CA's default.")
                 String defaultProfile,
                 @Option(names = "--eab-key-id", paramLabel = "KID",
                         description = "External Account Binding key id, for a CA that requires one. Its HMAC key "
                                 + "is read from --eab-hmac-key-file, --eab-hmac-key-stdin or $" + EAB_HMAC_KEY_ENV
                                 + ", else asked without echo.") String eabKeyId,
                 @Option(names = "--eab-hmac-key-file", paramLabel = "FILE",
                         description = "A file whose first line is the EAB HMAC key (base64url, as the CA shows it).")
                 Path eabKeyFile,
                 @Option(names = "--eab-hmac-key-stdin",
                         description = "Read the EAB HMAC key from the first line of standard input.")
                 boolean eabKeyFromStdin,
                 @Option(names = "--key-type", paramLabel = "TYPE",
                         description = "The account key's type: EC_P256 (default for a new account), EC_P384, "
                                 + "RSA_2048, RSA_3072, RSA_4096. Without it the account at the same CA keeps its "
                                 + "key; another type rolls the key over.") String keyType) throws Exception {
            char[] hmacKey = null;
            if (eabKeyId == null) {
                if (eabKeyFile != null || eabKeyFromStdin) {
                    throw new Failures.UsageException("An EAB HMAC key goes with its key id: give --eab-key-id too.");
                }
            } else {
                acme.root.credentials(); // the sign-in password is asked first
                hmacKey = eabHmacKey(eabKeyFile, eabKeyFromStdin);
            }
            try {
                AcmeAccountRequest request = new AcmeAccountRequest(directory, email, agreed, eabKeyId,
                        hmacKey == null ? null : new String(hmacKey), KeyType.parse(keyType), defaultProfile);
                return print(acme.call(service -> service.saveAccount(request)), "Saved");
            } catch (InvalidInputException refused) {
                throw inOptionWords(refused);
            } finally {
                if (hmacKey != null) {
                    Arrays.fill(hmacKey, '\0');
                }
            }
        }

        @Command(name = "rollover", description = "Replace the account key by a new one at the CA (admin); the "
                + "account stays the same. The old key stays if the CA refuses.")
        int rollover() throws Exception {
            return print(acme.call(AcmeService::rolloverAccountKey), "Rolled over the key of");
        }

        @Command(name = "deactivate", description = "Deactivate the account at the CA (admin). This cannot be undone: "
                + "orders and renewals fail until another account is saved.")
        int deactivate(@Option(names = "--yes", description = "Yes, deactivate it (required).") boolean yes)
                throws Exception {
            if (!yes) {
                throw new Failures.UsageException("Deactivating the ACME account cannot be undone, and renewals "
                        + "fail until another account is saved: give --yes to do it.");
            }
            return print(acme.call(AcmeService::deactivateAccount), "Deactivated");
        }

        private static char[] eabHmacKey(Path file, boolean fromStdin) throws IOException, Failures.UsageException {
            if (file != null && fromStdin) {
                throw new Failures.UsageException("Give the EAB HMAC key one way: --eab-hmac-key-file or "
                        + "--eab-hmac-key-stdin.");
            }
            if (file != null) {
                return Secrets.firstLine(file, "EAB HMAC key");
            }
            if (fromStdin) {
                return Secrets.firstLine(System.in, "EAB HMAC key");
            }
            String fromEnvironment = System.getenv(EAB_HMAC_KEY_ENV);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                return fromEnvironment.strip().toCharArray();
            }
            return Secrets.ask("EAB HMAC key", false, "use --eab-hmac-key-file, --eab-hmac-key-stdin or set "
                    + EAB_HMAC_KEY_ENV);
        }

        /** The server's message names the REST API's fields; this command has options. */
        private static InvalidInputException inOptionWords(InvalidInputException refused) {
            String message = refused.getMessage()
                    .replace("set termsAgreed to true", "give --agree-tos")
                    .replace("give eabKeyId and eabHmacKey", "give --eab-key-id and its HMAC key")
                    .replace("needs both eabKeyId and eabHmacKey", "needs both --eab-key-id and its HMAC key");
            return message.equals(refused.getMessage()) ? refused
                    : new InvalidInputException(refused.field(), message, refused);
        }

        private int print(AcmeAccountView a, String verb) {
            PrintWriter out = acme.root.out();
            if (acme.root.json()) {
                out.println(Json.write(a));
                return ExitCodes.OK;
            }
            if (verb != null) {
                out.println(verb + " the ACME account at " + a.directoryUrl() + ".");
            }
            Output.fields(out, List.of(
                    new String[] {"status", a.status()},
                    new String[] {"directory", Output.orDash(a.directoryUrl())},
                    new String[] {"contact", Output.orDash(a.email())},
                    new String[] {"terms", Output.orDash(a.termsOfService())},
                    new String[] {"terms agreed", a.termsAgreed() ? "yes" : "no"},
                    new String[] {"EAB key id", Output.orDash(a.eabKeyId())},
                    new String[] {"key type", Output.orDash(a.keyType())}));
            return ExitCodes.OK;
        }
    }
}
