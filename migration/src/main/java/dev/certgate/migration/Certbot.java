package dev.certgate.migration;

import dev.certgate.api.ImportFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * certbot's configuration directory ({@code /etc/letsencrypt}): each lineage {@code live/NAME/} holds
 * {@code fullchain.pem} and {@code privkey.pem} (links into {@code archive/NAME/}), and {@code renewal/NAME.conf} says
 * how it is renewed: the ACME server, the account (its registration under {@code accounts/}), the authenticator and
 * preferred challenges, the key type. Every certificate is an ACME one, so it is adopted: stored with source ACME and,
 * when applications are planned ({@code backends} given), bound to ACME domains that certgate renews when due.
 */
public final class Certbot {

    private static final Pattern LINE = Pattern.compile("^\\s*([A-Za-z0-9_]+)\\s*=\\s*(.*?)\\s*$");

    private Certbot() {
    }

    /**
     * Reads a certbot directory.
     *
     * @param root     e.g. {@code /etc/letsencrypt}
     * @param backends the backend URLs of the applications to create, one per lineage; empty: certificates only
     * @throws MigrationException when {@code root} has no {@code live/} directory, or a file cannot be read
     */
    public static MigrationPlan read(Path root, List<String> backends) throws MigrationException {
        Path live = root.resolve("live");
        if (!Files.isDirectory(live)) {
            throw new MigrationException(root + " is not a certbot directory: it has no live/ directory (certbot "
                    + "keeps its certificates in /etc/letsencrypt/live/NAME/).");
        }
        List<ImportFile> files = new ArrayList<>();
        List<MigrationPlan.PlannedApplication> applications = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Path lineage : SourceFiles.directories(live)) {
            String name = lineage.getFileName().toString();
            Path fullchain = lineage.resolve("fullchain.pem");
            Path privkey = lineage.resolve("privkey.pem");
            if (!Files.exists(fullchain) || !Files.exists(privkey)) {
                notes.add("live/" + name + " has no fullchain.pem and privkey.pem; left out.");
                continue;
            }
            String origin = "certbot " + lineage;
            byte[] chain = SourceFiles.read(fullchain);
            String chainName = "live/" + name + "/fullchain.pem";
            files.add(new ImportFile(chainName, chain, origin, true));
            files.add(new ImportFile("live/" + name + "/privkey.pem", SourceFiles.read(privkey), origin, true));

            Map<String, String> renewal = renewalParams(root.resolve("renewal").resolve(name + ".conf"));
            String challenge = challenge(renewal);
            String keyType = "rsa".equalsIgnoreCase(renewal.get("key_type")) ? "RSA_2048" : "EC_P256";
            StringBuilder note = new StringBuilder(name + ": ");
            if (renewal.isEmpty()) {
                note.append("no renewal/").append(name).append(".conf; renewed with HTTP-01.");
            } else {
                note.append("ACME server ").append(renewal.getOrDefault("server", "(certbot's default)"));
                account(root, renewal).ifPresent(account -> note.append(", account ").append(account));
                note.append(", authenticator ").append(renewal.getOrDefault("authenticator", "(none)"))
                        .append(" -> ").append(challenge).append('.');
            }
            if ("DNS_01".equals(challenge)) {
                note.append(" DNS-01 needs certgate's DNS provider settings (docs/configuration.md).");
            }
            notes.add(note.toString());
            if (!backends.isEmpty()) {
                List<MigrationPlan.PlannedDomain> domains = new ArrayList<>();
                for (String host : SourceFiles.dnsNames(chain)) {
                    domains.add(new MigrationPlan.PlannedDomain(host, chainName,
                            host.startsWith("*.") ? "DNS_01" : challenge, keyType, false, false));
                }
                applications.add(new MigrationPlan.PlannedApplication("certbot-" + name, backends, domains));
            }
        }
        if (files.isEmpty()) {
            notes.add("No certificate lineage was found under " + live + ".");
        }
        return new MigrationPlan("certbot", root.toString(), files, applications, notes);
    }

    /** The {@code key = value} lines of a renewal configuration, top level and {@code [renewalparams]}. */
    static Map<String, String> renewalParams(Path conf) throws MigrationException {
        Map<String, String> values = new LinkedHashMap<>();
        if (!Files.isRegularFile(conf)) {
            return values;
        }
        String section = "";
        for (String line : SourceFiles.text(conf).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || trimmed.isEmpty()) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                section = trimmed;
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (m.matches() && (section.isEmpty() || section.equals("[renewalparams]"))) {
                values.put(m.group(1), m.group(2));
            }
        }
        return values;
    }

    /** The challenge certgate uses for the lineage's names: certbot's preferred challenges, else its authenticator. */
    static String challenge(Map<String, String> renewal) {
        String preferred = renewal.getOrDefault("pref_challs", "").toLowerCase(Locale.ROOT);
        for (String one : preferred.split("[,\\s]+")) {
            switch (one) {
                case "dns-01", "dns" -> {
                    return "DNS_01";
                }
                case "tls-alpn-01" -> {
                    return "TLS_ALPN_01";
                }
                case "http-01", "http" -> {
                    return "HTTP_01";
                }
                default -> {
                    // not a challenge name (empty, "None"): next
                }
            }
        }
        String authenticator = renewal.getOrDefault("authenticator", "").toLowerCase(Locale.ROOT);
        return authenticator.startsWith("dns") ? "DNS_01" : "HTTP_01";
    }

    /** The account's id, with its URL and contact from {@code accounts/.../ID/regr.json} where certbot kept them. */
    private static Optional<String> account(Path root, Map<String, String> renewal) throws MigrationException {
        String id = renewal.get("account");
        if (id == null || id.isBlank() || id.equals("None")) {
            return Optional.empty();
        }
        Path accounts = root.resolve("accounts");
        if (Files.isDirectory(accounts)) {
            try (Stream<Path> walk = Files.walk(accounts, 5)) {
                Optional<Path> regr = walk.filter(p -> p.getFileName().toString().equals("regr.json")
                        && p.getParent().getFileName().toString().equals(id)).findFirst();
                if (regr.isPresent()) {
                    String json = SourceFiles.text(regr.get());
                    String uri = field(json, "uri");
                    Matcher contact = Pattern.compile("\"mailto:([^\"]+)\"").matcher(json);
                    return Optional.of(id + (uri == null ? "" : " (" + uri + ")")
                            + (contact.find() ? " contact " + contact.group(1) : ""));
                }
            } catch (IOException e) {
                throw new MigrationException("The accounts of " + root + " could not be listed (" + e.getMessage()
                        + ").", e);
            }
        }
        return Optional.of(id);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : null;
    }
}
