package dev.certgate.client;

import dev.certgate.api.AcmeService;
import dev.certgate.api.CertificatePage;
import dev.certgate.api.CertificateQuery;
import dev.certgate.api.CertificateService;
import dev.certgate.api.CertificateSource;
import dev.certgate.api.CertificateView;
import dev.certgate.api.IssueRequest;
import dev.certgate.api.KeyType;
import dev.certgate.api.LocalCaView;
import dev.certgate.api.PemImportRequest;
import dev.certgate.api.Pkcs12ImportRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code certgate cert ...}: the certificate store. */
@Command(name = "cert", description = "List, show, add, delete and export certificates.",
        mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class CertCommands implements Callable<Integer> {

    private static final String KEY_PASSPHRASE_ENV = "CERTGATE_KEY_PASSPHRASE";
    private static final String P12_PASSWORD_ENV = "CERTGATE_P12_PASSWORD";

    @ParentCommand
    private Certgate root;

    @Override
    public Integer call() {
        root.out().println("Commands: list, show, import, import-p12, import-bulk, replace, replace-p12, self-sign, local-ca, "
                + "ca-create, ca-show, ca-root, delete, chain, export-p12, revoke (certgate cert --help).");
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "list", description = "List certificates, soonest expiry first.")
    int list(@Option(names = {"-q", "--query"}, paramLabel = "TEXT",
                     description = "Only those whose common name or a DNS name contains TEXT.") String text,
             @Option(names = "--expiring-within", paramLabel = "DAYS",
                     description = "Only those that expire within DAYS days.") Integer days,
             @Option(names = "--source", paramLabel = "SOURCE",
                     description = "UPLOADED, SELF_SIGNED, LOCAL_CA or ACME.") String source,
             @Option(names = "--page", defaultValue = "0", description = "Page number, from 0.") int page,
             @Option(names = "--size", defaultValue = "50", description = "Rows per page (1-500).") int size,
             @Option(names = "--sort", paramLabel = "FIELD,asc|desc",
                     description = "notAfter, commonName or createdAt; default notAfter,asc.") String sort)
            throws Exception {
        CertificatePage found = call(certificates -> certificates.list(
                new CertificateQuery(text, days, CertificateSource.parse(source), page, size, sort)));
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(found));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (CertificateView c : found.items()) {
            rows.add(List.of(c.id(), c.commonName(), Output.day(c.notAfter()), c.source().name(), c.keyAlgorithm() + " "
                    + c.keySize(), Output.list(c.usedBy())));
        }
        Output.table(out, List.of("ID", "COMMON NAME", "EXPIRES", "SOURCE", "KEY", "USED BY"), rows);
        out.println(found.items().size() + " of " + found.total() + " certificate(s)"
                + (found.total() > found.items().size() ? "; more with --page" : ""));
        return ExitCodes.OK;
    }

    @Command(name = "show", description = "Show one certificate.")
    int show(@Parameters(paramLabel = "ID") String id) throws Exception {
        return print(call(certificates -> certificates.get(id)), null);
    }

    @Command(name = "import", description = "Store a PEM certificate chain with its private key.")
    int importPem(@Option(names = "--cert", required = true, paramLabel = "FILE",
                          description = "The PEM chain, leaf first (or DER certificate).") Path certificate,
                  @Option(names = "--key", required = true, paramLabel = "FILE",
                          description = "The PEM private key (PKCS#8, PKCS#1 or SEC1; encrypted or not).") Path key,
                  @Option(names = "--passphrase", arity = "0..1", interactive = true, paramLabel = "PASSPHRASE",
                          description = "The key is encrypted: its passphrase (asked when no value is given; "
                                  + "default $" + KEY_PASSPHRASE_ENV + ").") char[] passphrase,
                  @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        String chain = text(certificate);
        String privateKey = text(key);
        char[] secret = secret(passphrase, KEY_PASSPHRASE_ENV);
        CertificateView stored = call(certificates -> certificates.importPem(
                new PemImportRequest(chain, privateKey, secret, description)));
        return print(stored, "Stored");
    }

    @Command(name = "import-p12", description = "Store the key, certificate and chain of a PKCS#12 (.p12/.pfx) file.")
    int importPkcs12(@Parameters(paramLabel = "FILE") Path file,
                     @Option(names = "--p12-password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
                             description = "The file's password (asked when no value is given; default $"
                                     + P12_PASSWORD_ENV + ", else none).") char[] password,
                     @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        byte[] bytes = bytes(file);
        char[] secret = secret(password, P12_PASSWORD_ENV);
        CertificateView stored = call(certificates -> certificates.importPkcs12(
                new Pkcs12ImportRequest(bytes, secret, description)));
        return print(stored, "Stored");
    }

    @Command(name = "import-bulk", description = "Store many certificates at once: PEM, DER and PKCS#12 files, ZIPs "
            + "of them, or directories (walked). Keys are paired with their certificates by public key; one line per "
            + "certificate or refused file.")
    int importBulk(@Parameters(paramLabel = "FILE_OR_DIR", arity = "1..*") List<Path> paths,
                   @Option(names = "--passphrase", arity = "0..1", interactive = true, paramLabel = "PASSPHRASE",
                           description = "The one passphrase of the encrypted keys and PKCS#12 files (asked when no "
                                   + "value is given; default $" + KEY_PASSPHRASE_ENV + ").") char[] passphrase,
                   @Option(names = "--import-expired", description = "Store expired certificates too (else they "
                           + "are listed and skipped).") boolean importExpired,
                   @Option(names = "--dry-run", description = "Only list what would be imported.") boolean dryRun,
                   @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        List<dev.certgate.api.ImportFile> files = BulkOutput.files(paths);
        char[] secret = secret(passphrase, KEY_PASSPHRASE_ENV);
        dev.certgate.api.BulkImportResult result = call(certificates -> certificates.importBulk(
                new dev.certgate.api.BulkImportRequest(files, secret, importExpired, dryRun, description)));
        return BulkOutput.print(root, result);
    }

    @Command(name = "replace", description = "Replace a stored certificate's chain and key with a PEM pair, keeping "
            + "its id: every domain bound to it serves the new one.")
    int replacePem(@Parameters(paramLabel = "ID") String id,
                   @Option(names = "--cert", required = true, paramLabel = "FILE",
                           description = "The new PEM chain, leaf first (or DER certificate).") Path certificate,
                   @Option(names = "--key", required = true, paramLabel = "FILE",
                           description = "The new PEM private key (PKCS#8, PKCS#1 or SEC1; encrypted or not).")
                   Path key,
                   @Option(names = "--passphrase", arity = "0..1", interactive = true, paramLabel = "PASSPHRASE",
                           description = "The key is encrypted: its passphrase (asked when no value is given; "
                                   + "default $" + KEY_PASSPHRASE_ENV + ").") char[] passphrase,
                   @Option(names = "--if-version", paramLabel = "VERSION",
                           description = "Replace only if the certificate is still at this version (cert show); "
                                   + "default: the version read just before.") Long ifVersion,
                   @Option(names = "--description", paramLabel = "TEXT",
                           description = "Default: the stored description.") String description) throws Exception {
        String chain = text(certificate);
        String privateKey = text(key);
        char[] secret = secret(passphrase, KEY_PASSPHRASE_ENV);
        CertificateView replaced = call(certificates -> {
            CertificateView current = certificates.get(id);
            long version = ifVersion != null ? ifVersion : current.version();
            return certificates.replacePem(id, version, new PemImportRequest(chain, privateKey, secret,
                    description != null ? description : current.description()));
        });
        return print(replaced, "Replaced");
    }

    @Command(name = "replace-p12", description = "Replace a stored certificate's chain and key with those of a "
            + "PKCS#12 file, keeping its id: every domain bound to it serves the new one.")
    int replacePkcs12(@Parameters(paramLabel = "ID") String id,
                      @Option(names = "--file", required = true, paramLabel = "FILE",
                              description = "The PKCS#12 (.p12/.pfx) file.") Path file,
                      @Option(names = "--p12-password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
                              description = "The file's password (asked when no value is given; default $"
                                      + P12_PASSWORD_ENV + ", else none).") char[] password,
                      @Option(names = "--if-version", paramLabel = "VERSION",
                              description = "Replace only if the certificate is still at this version (cert show); "
                                      + "default: the version read just before.") Long ifVersion,
                      @Option(names = "--description", paramLabel = "TEXT",
                              description = "Default: the stored description.") String description) throws Exception {
        byte[] bytes = bytes(file);
        char[] secret = secret(password, P12_PASSWORD_ENV);
        CertificateView replaced = call(certificates -> {
            CertificateView current = certificates.get(id);
            long version = ifVersion != null ? ifVersion : current.version();
            return certificates.replacePkcs12(id, version, new Pkcs12ImportRequest(bytes, secret,
                    description != null ? description : current.description()));
        });
        return print(replaced, "Replaced");
    }

    @Command(name = "self-sign", description = "Make and store a self-signed certificate (browsers will warn).")
    int selfSign(@Parameters(paramLabel = "COMMON_NAME") String commonName,
                 @Option(names = "--san", paramLabel = "NAME", split = ",",
                         description = "More DNS names or IP addresses.") List<String> names,
                 @Option(names = "--key-type", paramLabel = "TYPE",
                         description = "EC_P256 (default), EC_P384, RSA_2048, RSA_3072 or RSA_4096.") String keyType,
                 @Option(names = "--days", paramLabel = "DAYS", description = "Validity (default 365, at most 825).")
                 Integer days,
                 @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        IssueRequest request = new IssueRequest(commonName, names, KeyType.parse(keyType), days, description);
        return print(call(certificates -> certificates.selfSign(request)), "Stored");
    }

    @Command(name = "local-ca", description = "Make and store a certificate issued by certgate's local CA.")
    int localCa(@Parameters(paramLabel = "COMMON_NAME") String commonName,
                @Option(names = "--san", paramLabel = "NAME", split = ",",
                        description = "More DNS names or IP addresses.") List<String> names,
                @Option(names = "--key-type", paramLabel = "TYPE",
                        description = "EC_P256 (default), EC_P384, RSA_2048, RSA_3072 or RSA_4096.") String keyType,
                @Option(names = "--days", paramLabel = "DAYS", description = "Validity (default 365, at most 825).")
                Integer days,
                @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        IssueRequest request = new IssueRequest(commonName, names, KeyType.parse(keyType), days, description);
        return print(call(certificates -> certificates.issueFromLocalCa(request)), "Stored");
    }

    @Command(name = "ca-create", description = "Create certgate's local CA (once per installation; admins and "
            + "operators). Its permitted domains are written into its root and never change.")
    int caCreate(@Option(names = "--permit", paramLabel = "DOMAIN", split = ",",
                         description = "A domain it may issue for, with every name under it (repeatable; never a "
                                 + "single label or a public suffix). None: any name (admins only).")
                 List<String> permitted) throws Exception {
        LocalCaView ca = call(certificates -> certificates.createLocalCa(permitted == null ? List.of() : permitted));
        return printCa(ca, "Created the local CA ");
    }

    @Command(name = "ca-show", description = "Show certgate's local CA (exit 3 when there is none yet).")
    int caShow() throws Exception {
        return printCa(call(CertificateService::localCa), "Local CA ");
    }

    private int printCa(LocalCaView ca, String verb) {
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(ca));
            return ExitCodes.OK;
        }
        out.println(verb + ca.subject());
        out.println("  valid until: " + Output.day(ca.notAfter()));
        out.println("  issues for:  " + (ca.permittedNames().isEmpty() ? "any name"
                : String.join(", ", ca.permittedNames()) + " and the names under them"));
        out.println("  sha-256:     " + ca.fingerprintSha256());
        out.println("  created by:  " + ca.createdBy());
        return ExitCodes.OK;
    }

    @Command(name = "ca-root", description = "Print the local CA's root certificate as PEM (exit 3 when there is "
            + "no local CA yet: see ca-create); trust it once to trust every certificate the local CA issues.")
    int caRoot(@Option(names = "--out", paramLabel = "FILE", description = "Write it to FILE instead.") Path file)
            throws Exception {
        String pem = call(CertificateService::localCaRootPem);
        if (file != null) {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } else if (root.json()) {
            root.out().println(Json.write(Map.of("rootPem", pem)));
        } else {
            root.out().print(pem);
            root.out().flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "delete", description = "Delete a certificate that no domain uses.")
    int delete(@Parameters(paramLabel = "ID") String id) throws Exception {
        call(certificates -> {
            certificates.delete(id);
            return null;
        });
        if (root.json()) {
            root.out().println(Json.write(Map.of("deleted", id)));
        } else {
            root.out().println("Deleted certificate " + id + ".");
        }
        return ExitCodes.OK;
    }

    @Command(name = "chain", description = "Print the public certificate chain as PEM, leaf first.")
    int chain(@Parameters(paramLabel = "ID") String id,
              @Option(names = "--out", paramLabel = "FILE", description = "Write it to FILE instead.") Path file)
            throws Exception {
        String pem = call(certificates -> certificates.chainPem(id));
        if (file != null) {
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } else if (root.json()) {
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("id", id);
            answer.put("chainPem", pem);
            root.out().println(Json.write(answer));
        } else {
            root.out().print(pem);
            root.out().flush();
        }
        return ExitCodes.OK;
    }

    @Command(name = "export-p12", description = "Export the certificate, chain and private key as a PKCS#12 file "
            + "(admin only; audited).")
    int exportPkcs12(@Parameters(paramLabel = "ID") String id,
                     @Option(names = "--out", required = true, paramLabel = "FILE",
                             description = "The file to create (not overwritten; readable by you only).") Path file,
                     @Option(names = "--p12-password", arity = "0..1", interactive = true, paramLabel = "PASSWORD",
                             description = "The file's password, at least 8 characters (asked when no value is "
                                     + "given; default $" + P12_PASSWORD_ENV + ").") char[] password)
            throws Exception {
        char[] secret = secret(password, P12_PASSWORD_ENV);
        if (secret == null) {
            throw new Failures.UsageException("Give the PKCS#12 file a password: --p12-password (asked) or $"
                    + P12_PASSWORD_ENV + ".");
        }
        if (Files.exists(file)) {
            throw new Failures.UsageException(file + " exists; choose another file name.");
        }
        byte[] p12 = call(certificates -> certificates.exportPkcs12(id, secret));
        Arrays.fill(secret, '\0');
        write(file, p12);
        if (root.json()) {
            root.out().println(Json.write(Map.of("id", id, "file", file.toString())));
        } else {
            root.out().println("Wrote " + file + " (PKCS#12 with the private key; keep it safe).");
        }
        return ExitCodes.OK;
    }

    @Command(name = "revoke", description = "Revoke an ACME certificate at its CA (admin only; audited); the domains "
            + "that use it get a new one at once.")
    int revoke(@Parameters(paramLabel = "ID") String id,
               @Option(names = "--reason", paramLabel = "REASON", defaultValue = "unspecified",
                       description = "unspecified (default), keyCompromise, superseded, affiliationChanged or "
                               + "cessationOfOperation.") String reason) throws Exception {
        root.call(AcmeService.class, "AcmeServiceBean", acme -> {
            acme.revoke(id, reason);
            return null;
        });
        if (root.json()) {
            root.out().println(Json.write(Map.of("revoked", id)));
        } else {
            root.out().println("Revoked certificate " + id + " at its CA; its ACME domains are getting a new one "
                    + "(certgate acme status).");
        }
        return ExitCodes.OK;
    }

    private int print(CertificateView c, String verb) {
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(c));
            return ExitCodes.OK;
        }
        if (verb != null) {
            out.println(verb + " certificate " + c.id() + " for " + c.commonName() + ".");
        }
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"id", c.id()});
        fields.add(new String[] {"common name", c.commonName()});
        fields.add(new String[] {"names", Output.list(c.subjectAltNames())});
        fields.add(new String[] {"issuer", c.issuer()});
        fields.add(new String[] {"valid", Output.minute(c.notBefore()) + " to " + Output.minute(c.notAfter())});
        fields.add(new String[] {"key", c.keyAlgorithm() + " " + c.keySize()});
        fields.add(new String[] {"source", c.source().name()});
        fields.add(new String[] {"serial", c.serialNumber()});
        fields.add(new String[] {"SHA-256", c.fingerprintSha256()});
        fields.add(new String[] {"chain", c.chainLength() + " certificate(s)" + (c.selfSigned() ? ", self-signed" : "")});
        fields.add(new String[] {"used by", Output.list(c.usedBy())});
        fields.add(new String[] {"description", Output.orDash(c.description())});
        fields.add(new String[] {"stored", Output.minute(c.createdAt()) + " by " + c.createdBy()});
        if (c.updatedAt() != null) {
            fields.add(new String[] {"changed", Output.minute(c.updatedAt()) + " by " + c.updatedBy()});
        }
        fields.add(new String[] {"version", Long.toString(c.version())});
        Output.fields(out, fields);
        for (String warning : c.warnings()) {
            out.println("warning: " + warning);
        }
        return ExitCodes.OK;
    }

    /** A call on the certificate service as the signed-in user. */
    private <T> T call(RemoteCall<CertificateService, T> call) throws Exception {
        return root.call(CertificateService.class, "CertificateServiceBean", call);
    }

    /** The secret given (asked by picocli when the option had no value), else the variable's, else null. */
    private static char[] secret(char[] given, String variable) {
        if (given != null && given.length > 0) {
            return given;
        }
        String fromEnvironment = System.getenv(variable);
        return fromEnvironment == null ? null : fromEnvironment.toCharArray();
    }

    static String text(Path file) throws IOException, Failures.UsageException {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static byte[] bytes(Path file) throws IOException, Failures.UsageException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new Failures.UsageException("There is no file " + file + ".");
        }
    }

    private static void write(Path file, byte[] bytes) throws IOException, Failures.UsageException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new Failures.UsageException(file + " exists; choose another file name.");
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
    }

}
