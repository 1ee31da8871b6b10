package dev.certgate.client;

import dev.certgate.api.AcmeSettings;
import dev.certgate.api.ApplicationService;
import dev.certgate.api.ApplicationSpec;
import dev.certgate.api.ApplicationView;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.DomainSettings;
import dev.certgate.api.HostName;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.KeyType;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code certgate app ...}: applications, their backends and their domains. */
@Command(name = "app", description = "List, show, create and delete applications; bind a domain to a certificate "
        + "or to ACME.", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class AppCommands implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    @Override
    public Integer call() {
        root.out().println("Commands: list, show, create, delete, bind (certgate app --help).");
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "list", description = "List applications by name.")
    int list() throws Exception {
        List<ApplicationView> applications = call(ApplicationService::list);
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(applications));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (ApplicationView a : applications) {
            rows.add(List.of(a.id(), a.name(), Output.list(a.backends()),
                    Output.list(a.domains().stream().map(d -> d.name().toString()).toList())));
        }
        Output.table(out, List.of("ID", "NAME", "BACKENDS", "DOMAINS"), rows);
        out.println(applications.size() + " application(s)");
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one application and its domains.")
    int show(@Parameters(paramLabel = "ID") String id) throws Exception {
        return print(call(applications -> applications.get(id)), null);
    }

    @Command(name = "create", description = "Create an application.")
    int create(@Parameters(paramLabel = "NAME") String name,
               @Option(names = "--backend", required = true, paramLabel = "URL",
                       description = "A backend such as http://10.0.0.5:9000 (repeat for several, round robin).")
               List<String> backends,
               @Option(names = "--domain", paramLabel = "NAME=CERT_ID",
                       description = "A domain served with a stored certificate (repeatable).")
               Map<String, String> certificateDomains,
               @Option(names = "--acme-domain", paramLabel = "NAME[=CHALLENGE]",
                       description = "A domain served with an ACME certificate; CHALLENGE is HTTP_01 (default), "
                               + "TLS_ALPN_01 or DNS_01 (repeatable).") List<String> acmeDomains,
               @Option(names = "--acme-key-type", paramLabel = "TYPE",
                       description = "The key of the ACME certificates: EC_P256 (default) or RSA_2048.")
               String acmeKeyType,
               @Option(names = "--acme-profile", paramLabel = "PROFILE",
                       description = "The CA's certificate profile for the ACME domains, one its directory lists "
                               + "(certgate acme profiles), e.g. shortlived; default: the account's.")
               String acmeProfile,
               @Option(names = "--redirect-https", description = "Redirect plain HTTP to HTTPS on these domains.")
               boolean redirectHttps,
               @Option(names = "--hsts", description = "Send Strict-Transport-Security on these domains.")
               boolean hsts) throws Exception {
        if ((acmeKeyType != null || acmeProfile != null) && acmeDomains == null) {
            throw new Failures.UsageException((acmeKeyType != null ? "--acme-key-type" : "--acme-profile")
                    + " is for ACME domains: give --acme-domain too.");
        }
        List<DomainSettings> domains = new ArrayList<>();
        if (certificateDomains != null) {
            for (Map.Entry<String, String> domain : certificateDomains.entrySet()) {
                domains.add(new DomainSettings(domainName(domain.getKey()), domain.getValue(), null, redirectHttps,
                        hsts));
            }
        }
        if (acmeDomains != null) {
            for (String given : acmeDomains) {
                String[] parts = given.split("=", 2);
                domains.add(new DomainSettings(domainName(parts[0]), null, acme(parts.length > 1 ? parts[1] : null,
                        acmeKeyType, blankIsNull(acmeProfile)), redirectHttps, hsts));
            }
        }
        ApplicationSpec spec = new ApplicationSpec(name, backends, domains);
        return print(call(applications -> applications.create(spec)), "Created");
    }

    @Command(name = "delete", description = "Delete an application and its domains.")
    int delete(@Parameters(paramLabel = "ID") String id) throws Exception {
        call(applications -> {
            applications.delete(id);
            return null;
        });
        if (root.json()) {
            root.out().println(Json.write(Map.of("deleted", id)));
        } else {
            root.out().println("Deleted application " + id + ".");
        }
        return ExitCodes.OK;
    }

    /** Either a certificate or ACME. */
    static final class Binding {
        @Option(names = "--cert", paramLabel = "CERT_ID", description = "Serve the domain with this certificate.")
        String certificateId;

        @Option(names = "--acme", arity = "0..1", fallbackValue = "HTTP_01", paramLabel = "CHALLENGE",
                description = "Serve the domain with an ACME certificate: HTTP_01 (default), TLS_ALPN_01 or DNS_01.")
        String challenge;
    }

    @Command(name = "bind", description = "Add a domain to an application, or change what an existing domain is "
            + "served with.")
    int bind(@Parameters(index = "0", paramLabel = "APP_ID") String id,
             @Parameters(index = "1", paramLabel = "DOMAIN") String domain,
             @ArgGroup(exclusive = true, multiplicity = "1") Binding binding,
             @Option(names = "--acme-key-type", paramLabel = "TYPE",
                     description = "With --acme: the certificate's key, EC_P256 (default) or RSA_2048.")
             String acmeKeyType,
             @Option(names = "--acme-profile", paramLabel = "PROFILE",
                     description = "With --acme: the CA's certificate profile, one its directory lists (certgate acme "
                             + "profiles). Left out, a domain that has one keeps it; --acme-profile= (empty) goes "
                             + "back to the account's default.")
             String acmeProfile,
             @Option(names = "--redirect-https", description = "Redirect plain HTTP to HTTPS.") boolean redirectHttps,
             @Option(names = "--hsts", description = "Send Strict-Transport-Security.") boolean hsts)
            throws Exception {
        if ((acmeKeyType != null || acmeProfile != null) && binding.certificateId != null) {
            throw new Failures.UsageException((acmeKeyType != null ? "--acme-key-type" : "--acme-profile")
                    + " goes with --acme, not with --cert.");
        }
        HostName name = domainName(domain);
        DomainSettings given = new DomainSettings(name, binding.certificateId, binding.certificateId == null
                ? acme(binding.challenge, acmeKeyType, blankIsNull(acmeProfile)) : null, redirectHttps, hsts);
        ApplicationView changed = call(applications -> {
            ApplicationView current = applications.get(id);
            List<DomainSettings> domains = new ArrayList<>();
            boolean replaced = false;
            for (DomainSettings existing : current.domains()) {
                if (name.equals(existing.name())) {
                    domains.add(acmeProfile == null ? keepingProfile(given, existing) : given);
                    replaced = true;
                } else {
                    domains.add(existing);
                }
            }
            if (!replaced) {
                domains.add(given);
            }
            // the version read above: a change made in between is refused (conflict), never lost
            return applications.update(id, current.version(),
                    new ApplicationSpec(current.name(), current.backends(), domains));
        });
        return print(changed, "Bound " + name + " in");
    }

    private int print(ApplicationView a, String verb) {
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(a));
            return ExitCodes.OK;
        }
        if (verb != null) {
            out.println(verb + " application " + a.id() + " (" + a.name() + ").");
        }
        Output.fields(out, List.of(
                new String[] {"id", a.id()},
                new String[] {"name", a.name()},
                new String[] {"backends", Output.list(a.backends())},
                new String[] {"version", Long.toString(a.version())}));
        if (a.domains().isEmpty()) {
            out.println("no domains");
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (DomainSettings d : a.domains()) {
            String servedWith = d.certificateId() != null ? "certificate " + d.certificateId()
                    : d.acme() == null ? "ACME" : "ACME " + Output.orDash(d.acme().challenge())
                    + (d.acme().keyType() == null ? "" : ", " + d.acme().keyType())
                    + (d.acme().profile() == null ? "" : ", profile " + d.acme().profile());
            rows.add(List.of(d.name().toString(), servedWith, d.redirectHttps() ? "yes" : "no", d.hsts() ? "yes" : "no"));
        }
        out.println();
        Output.table(out, List.of("DOMAIN", "SERVED WITH", "REDIRECT", "HSTS"), rows);
        return ExitCodes.OK;
    }

    private static AcmeSettings acme(String challenge, String keyType, String profile) throws InvalidInputException {
        return AcmeSettings.of(challenge == null || challenge.isBlank() ? ChallengeType.DEFAULT
                : ChallengeType.parse(challenge), KeyType.parse(keyType), profile);
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /**
     * A domain bound to ACME again without a profile named keeps the one it had: a rebinding to change the challenge
     * or the key must not drop the CA profile the operator chose (renewals keep it too).
     */
    static DomainSettings keepingProfile(DomainSettings given, DomainSettings existing) {
        if (given.acme() == null || existing.acme() == null || existing.acme().profile() == null) {
            return given;
        }
        AcmeSettings acme = given.acme();
        return new DomainSettings(given.name(), given.certificateId(), new AcmeSettings(acme.challenge(),
                acme.keyType(), acme.adoptCertificateId(), existing.acme().profile()), given.redirectHttps(),
                given.hsts());
    }

    /** A domain as the REST API reads one from JSON: the same message for a bad one. */
    private static HostName domainName(String text) throws InvalidInputException {
        return HostName.parse(text, HostName.JSON_FIELD, "domain");
    }

    private <T> T call(RemoteCall<ApplicationService, T> call) throws Exception {
        return root.call(ApplicationService.class, "ApplicationServiceBean", call);
    }
}
