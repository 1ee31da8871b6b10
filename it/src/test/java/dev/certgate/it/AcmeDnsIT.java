package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS-01 end to end through a real DNS server: certgate publishes the challenge records by RFC 2136 dynamic update,
 * signed with a TSIG key, in a zone of a real BIND 9 (bin/test), waits until a second BIND, the zone's secondary,
 * answers them, and the CA (a Pebble whose DNS is the primary) reads them there. bin/test starts the server with
 * this BIND as its DNS-01 provider (certgate.acme.dns.*); this class points the ACME account at the CA that reads
 * that BIND, and back at the usual CA at the end.
 */
class AcmeDnsIT {

    private static final String SECRET_FILE = "certgate.acme.dns.tsig-secret-file";

    private static final List<String> APPLICATIONS = new ArrayList<>();
    private static final DateTimeFormatter NAMED_TIME = DateTimeFormatter.ofPattern("dd-MMM-yyyy HH:mm:ss.SSS",
            Locale.ENGLISH);

    @BeforeAll
    static void aCaThatAsksBind() throws Exception {
        awaitBindAnswers();
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DNS_DIRECTORY).status());
    }

    @AfterAll
    static void backToTheUsualCa() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id);
        }
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
    }

    @Test
    void aWildcardAloneGetsACertificateAndNamesUnderItGetItBySni() throws Exception {
        String base = "wild-" + UUID.randomUUID().toString().substring(0, 8) + "." + ItSettings.DNS_ZONE;
        String domain = "*." + base;
        APPLICATIONS.add(AcmeIT.application(domain, "DNS_01"));
        JsonNode state = AcmeIT.awaitValid(domain);
        JsonNode certificate = CertgateApi.get("/certificates/" + state.get("certificateId").asText()).body();
        assertEquals(domain, certificate.get("subjectAltNames").get(0).asText());
        X509Certificate served = TlsProbe.leafFor("www." + base);
        assertEquals(fingerprint(certificate), TlsProbe.sha256(served), "a name under the wildcard gets it by SNI");
        assertEquals(List.of(), txt("_acme-challenge." + base), "the challenge record is removed");
    }

    @Test
    void aWildcardAndItsBaseNameAreIssuedThroughBindAndServedBySni() throws Exception {
        String base = "app-" + UUID.randomUUID().toString().substring(0, 8) + "." + ItSettings.DNS_ZONE;
        String wildcard = "*." + base;
        String record = "_acme-challenge." + base;
        long logBefore = Files.size(ItSettings.DNS_LOG);
        long resolverLogBefore = Files.size(ItSettings.DNS_RESOLVER_LOG);
        List<Map<String, Object>> domains = new ArrayList<>();
        for (String name : List.of(wildcard, base)) {
            Map<String, Object> domain = new HashMap<>();
            domain.put("name", name);
            domain.put("acme", Map.of("challenge", "DNS_01"));
            domain.put("redirectHttps", false);
            domain.put("hsts", false);
            domains.add(domain);
        }
        CertgateApi.Answer created = CertgateApi.post("/applications", Map.of("name", base,
                "backends", List.of("http://127.0.0.1:9"), "domains", domains));
        assertEquals(201, created.status(), created.body().toString());
        APPLICATIONS.add(created.body().get("id").asText());

        JsonNode wild = AcmeIT.awaitValid(wildcard);
        JsonNode plain = AcmeIT.awaitValid(base);
        JsonNode wildCertificate = CertgateApi.get("/certificates/" + wild.get("certificateId").asText()).body();
        JsonNode plainCertificate = CertgateApi.get("/certificates/" + plain.get("certificateId").asText()).body();
        assertEquals(wildcard, wildCertificate.get("subjectAltNames").get(0).asText());
        assertEquals(base, plainCertificate.get("subjectAltNames").get(0).asText());
        assertTrue(wildCertificate.get("issuer").asText().contains("Pebble"), wildCertificate.toString());

        X509Certificate underTheWildcard = TlsProbe.leafFor("www." + base);
        X509Certificate forTheBase = TlsProbe.leafFor(base);
        assertEquals(fingerprint(wildCertificate), TlsProbe.sha256(underTheWildcard), "a name under the wildcard");
        assertEquals(fingerprint(plainCertificate), TlsProbe.sha256(forTheBase), "the base name, exactly");
        assertNotEquals(TlsProbe.sha256(underTheWildcard), TlsProbe.sha256(forTheBase));

        // The primary saw certgate's signed updates add both values at the name and remove them afterwards, and
        // holds no challenge record any more. certgate looked for the record at the secondary (the resolver it was
        // given), which has it once NOTIFY and a zone transfer have brought it there, before the CA asked the
        // primary: it triggers a challenge only once its record is visible.
        List<String> primaryLog = Files.readString(ItSettings.DNS_LOG).substring((int) logBefore).lines().toList();
        List<String> secondaryLog = Files.readString(ItSettings.DNS_RESOLVER_LOG).substring((int) resolverLogBefore)
                .lines().toList();
        String updater = "/key " + ItSettings.DNS_KEY_NAME.replaceAll("\\.$", "");
        String all = String.join("\n", primaryLog) + "\n--- secondary:\n" + String.join("\n", secondaryLog);
        assertEquals(2, count(primaryLog, updater, "adding an RR at '" + record + "' TXT"), all);
        assertEquals(2, count(primaryLog, updater, "deleting an RR at " + record + " TXT"), all);
        String query = "query: " + record + " IN TXT";
        assertTrue(count(secondaryLog, query, "") >= 2, "certgate looked for both orders: " + all);
        assertTrue(count(primaryLog, query, "") >= 2, "the CA asked for both orders: " + all);
        Instant certgateLooked = time(secondaryLog, query);
        Instant caAsked = time(primaryLog, query);
        assertTrue(!certgateLooked.isAfter(caAsked), "certgate saw the record (" + certgateLooked
                + ") before the CA asked (" + caAsked + "): " + all);
        assertEquals(List.of(), txt(record), "the challenge records are removed");
    }

    @Test
    void aWrongTsigKeyIsADnsFailureThatNamesTheRecordAndNeverTheSecret() throws Exception {
        java.nio.file.Path wrongKey = Files.createTempFile("wrong-tsig", ".key");
        String secret = "c2VjcmV0IHRoYXQgYmluZCBkb2VzIG5vdCBrbm93IGF0IGFsbA==";
        Files.writeString(wrongKey, secret + "\n");
        try {
            Management.systemProperty(SECRET_FILE, wrongKey.toString());
            String domain = "bad-key-" + UUID.randomUUID().toString().substring(0, 8) + "." + ItSettings.DNS_ZONE;
            APPLICATIONS.add(AcmeIT.application(domain, "DNS_01"));
            JsonNode failing = AcmeIT.await(domain, s -> s.get("state").asText().equals("FAILING"),
                    Duration.ofSeconds(60));
            assertEquals("DNS", failing.get("errorCause").asText(), failing.toString());
            assertTrue(failing.get("lastError").asText().contains("_acme-challenge." + domain), failing.toString());
            assertTrue(!failing.get("lastError").asText().contains(secret), "never the secret");
            assertTrue(Instant.parse(failing.get("nextAttempt").asText()).isAfter(Instant.now()));
            assertEquals(List.of(), txt("_acme-challenge." + domain), "nothing was published");
        } finally {
            Management.systemProperty(SECRET_FILE, ItSettings.DNS_KEY_FILE.toString());
            Files.deleteIfExists(wrongKey);
        }
    }

    private static String fingerprint(JsonNode certificate) {
        return certificate.get("fingerprintSha256").asText().toLowerCase().replace(":", "");
    }

    /** Log lines that have both parts. */
    private static long count(List<String> log, String part, String other) {
        return log.stream().filter(line -> line.contains(part) && line.contains(other)).count();
    }

    /** When named logged the first line that has {@code part} (its lines start "27-Nov-2026 18:28:21.137"). */
    private static Instant time(List<String> log, String part) {
        String line = log.stream().filter(l -> l.contains(part)).findFirst().orElseThrow(() -> new AssertionError(
                "no line with " + part + " in\n" + String.join("\n", log)));
        return LocalDateTime.parse(line.substring(0, 24), NAMED_TIME).atZone(ZoneId.systemDefault()).toInstant();
    }

    /** The TXT values BIND holds at {@code name}. */
    private static List<String> txt(String name) throws IOException {
        Message answer = bind().send(Message.newQuery(Record.newRecord(Name.fromString(name + "."), Type.TXT,
                DClass.IN)));
        List<String> values = new ArrayList<>();
        for (Record record : answer.getSection(Section.ANSWER)) {
            values.add(record.rdataToString());
        }
        return values;
    }

    private static SimpleResolver bind() throws IOException {
        String[] server = ItSettings.DNS_SERVER.split(":");
        SimpleResolver resolver = new SimpleResolver(InetAddress.getByName(server[0]));
        resolver.setPort(Integer.parseInt(server[1]));
        resolver.setTimeout(Duration.ofSeconds(2));
        return resolver;
    }

    /** named logs "running" a moment before it answers on a loaded machine: wait for an SOA answer (bounded). */
    private static void awaitBindAnswers() throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                if (bind().send(Message.newQuery(Record.newRecord(Name.fromString(ItSettings.DNS_ZONE + "."),
                        Type.SOA, DClass.IN))).getRcode() == Rcode.NOERROR) {
                    return;
                }
            } catch (IOException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("BIND at " + ItSettings.DNS_SERVER + " does not answer for "
                        + ItSettings.DNS_ZONE);
            }
            Thread.sleep(200);
        }
    }
}
