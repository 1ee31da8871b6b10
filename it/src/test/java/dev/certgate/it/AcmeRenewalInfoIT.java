package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ACME renewal information (RFC 9773) and certificate profiles, against a real Pebble of this class's own (2-minute
 * certificates) behind the tests' {@link AcmeFront}. Which part is whose:
 * <ul>
 *   <li>the CA's (Pebble 2.4): the account, every order, the HTTP-01 validation against the gateway, issuance, the
 *   certificates' lifetime;</li>
 *   <li>the front's (Pebble has neither): the {@code renewalInfo} resource and its windows (by default 40-50 % into
 *   a certificate's lifetime here, or where a test moves it), the directory's {@code meta.profiles} with their
 *   descriptions, the {@code profile} of each order, the refusal of a profile it does not offer, and the record of
 *   what each new order asked for ({@code profile}, {@code replaces}).</li>
 * </ul>
 * What is certgate's, and what these tests prove: it reads the window at issuance and again on the CA's Retry-After,
 * renews when the CA moves the window to now, names the certificate replaced, orders with the domain's profile on
 * every renewal, and fails clearly (never falling back) for a profile the CA does not offer.
 */
class AcmeRenewalInfoIT {

    private static final List<String> APPLICATIONS = new ArrayList<>();
    private static OwnPebble pebble;
    private static AcmeFront front;

    @BeforeAll
    static void caWithAri() throws Exception {
        pebble = new OwnPebble("ari", ItSettings.OWN_PEBBLE_PORTS, 120);
        front = new AcmeFront(ItSettings.OWN_PEBBLE_PORTS + 5, pebble.base());
        front.offerProfiles(Map.of("classic", "The usual certificates (here Pebble's 2 minutes)",
                "shortlived", "Short-lived certificates (here Pebble's 2 minutes too)"));
        front.defaultWindow(0.4, 0.5);
        assertEquals(200, AcmeIT.saveAccount(front.directory()).status());
    }

    @AfterAll
    static void backToTheUsualCa() throws Exception {
        for (String id : APPLICATIONS) {
            CertgateApi.delete("/applications/" + id);
        }
        assertEquals(200, AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY).status());
        if (front != null) {
            front.close();
        }
        if (pebble != null) {
            pebble.close();
        }
    }

    @Test
    void anAriWindowMovedToNowRenewsAtOnceAndTheNewOrderNamesTheCertificateReplaced() throws Exception {
        String domain = AcmeIT.unique("ari");
        APPLICATIONS.add(application(domain, null));
        JsonNode first = AcmeIT.awaitValid(domain);
        X509Certificate firstLeaf = AcmeIT.servedOnceRefreshed(domain, first.get("certificateId").asText());
        String certId = AcmeFront.certId(firstLeaf);
        Instant notBefore = firstLeaf.getNotBefore().toInstant();

        // the window read at issuance, with the CA's explanation, and the next look at the CA's Retry-After
        JsonNode ari = first.get("renewalInfo");
        assertTrue(ari != null && !ari.isNull(), "the window is read at issuance: " + first);
        Duration lifetime = Duration.between(notBefore, firstLeaf.getNotAfter().toInstant());
        assertEquals(notBefore.plusMillis((long) (lifetime.toMillis() * 0.4)),
                Instant.parse(ari.get("windowStart").asText()), "the CA's window: " + first);
        assertEquals(front.explanation(certId), ari.get("explanationUrl").asText());
        Instant renewAt = Instant.parse(first.get("nextAttempt").asText());
        assertTrue(!renewAt.isBefore(Instant.parse(ari.get("windowStart").asText()))
                && renewAt.isBefore(Instant.parse(ari.get("windowEnd").asText())), "inside the window: " + first);

        // the CA says "renew now" (a window in the past, as before a mass revocation)
        Instant moved = Instant.now();
        front.moveWindow(certId, moved.minusSeconds(120), moved.minusSeconds(60));
        JsonNode renewed = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID")
                && !s.get("notAfter").asText().equals(first.get("notAfter").asText()), Duration.ofSeconds(60));
        Instant renewedAt = Instant.parse(renewed.get("lastAttempt").asText());
        assertTrue(renewedAt.isBefore(Instant.parse(ari.get("windowStart").asText())),
                "renewed because the window moved (" + moved + "), before the first window opened: " + renewed);
        assertTrue(Duration.between(moved, renewedAt).compareTo(AcmeFront.RETRY_AFTER.plusSeconds(20)) < 0,
                "obeyed within the CA's Retry-After (and the order's time): " + Duration.between(moved, renewedAt));
        X509Certificate second = AcmeIT.servedOnceRefreshed(domain, renewed.get("certificateId").asText());
        assertNotEquals(firstLeaf.getSerialNumber(), second.getSerialNumber());

        List<AcmeFront.NewOrder> orders = accepted(front.ordersFor(domain));
        assertEquals(2, orders.size(), front.ordersFor(domain).toString());
        assertEquals(Optional.empty(), orders.get(0).replaces(), "the first order replaces nothing");
        assertEquals(Optional.of(certId), orders.get(1).replaces(), "the renewal names the certificate it replaces");
    }

    @Test
    void theDomainsProfileIsKeptAcrossThreeRenewals() throws Exception {
        String domain = AcmeIT.unique("profile");
        APPLICATIONS.add(application(domain, "shortlived"));
        JsonNode state = AcmeIT.await(domain, s -> front.ordersFor(domain).stream()
                .filter(o -> o.status() == 201).count() >= 4 && s.get("state").asText().equals("VALID")
                && s.get("failureCount").asInt() == 0, Duration.ofMinutes(5));
        List<AcmeFront.NewOrder> orders = accepted(front.ordersFor(domain));
        assertTrue(orders.size() >= 4, front.ordersFor(domain).toString());
        for (AcmeFront.NewOrder order : orders) {
            assertEquals(Optional.of("shortlived"), order.profile(), "every order, renewals too: " + orders);
        }
        for (AcmeFront.NewOrder renewal : orders.subList(1, orders.size())) {
            assertTrue(renewal.replaces().isPresent(), "each renewal names the one it replaces: " + orders);
        }
        assertEquals("shortlived", state.get("profile").asText(), state.toString());
        assertEquals("shortlived", state.get("issuedProfile").asText(), state.toString());
    }

    @Test
    void aProfileTheCaDoesNotOfferFailsWithItsCauseAndNothingIsOrdered() throws Exception {
        String domain = AcmeIT.unique("retired");
        APPLICATIONS.add(application(domain, "retired"));
        JsonNode failed = AcmeIT.await(domain, s -> s.get("state").asText().equals("FAILING"),
                Duration.ofSeconds(60));
        assertEquals("CONFIGURATION", failed.get("errorCause").asText(), failed.toString());
        String error = failed.get("lastError").asText();
        assertTrue(error.contains("'retired'") && error.contains("it offers classic, shortlived"), error);
        assertTrue(absent(failed, "certificateId"), "no certificate of another profile: " + failed);
        assertEquals(List.of(), front.ordersFor(domain), "no order went to the CA with another profile");
    }

    @Test
    void theProfilesAreListedWithTheCasDescriptionsAndBadProfilesAreRefused() throws Exception {
        CertgateApi.Answer profiles = CertgateApi.get("/acme/profiles");
        assertEquals(200, profiles.status(), profiles.body().toString());
        Map<String, String> listed = new HashMap<>();
        profiles.body().forEach(p -> listed.put(p.get("name").asText(), p.get("description").asText()));
        assertEquals(Map.of("classic", "The usual certificates (here Pebble's 2 minutes)",
                "shortlived", "Short-lived certificates (here Pebble's 2 minutes too)"), listed);

        // an account default the CA does not offer: 400 on its field, the account unchanged
        CertgateApi.Answer refused = AcmeIT.putAccount(Map.of("directoryUrl", front.directory(),
                "email", "certgate-it@certgate.test", "termsAgreed", true, "defaultProfile", "nonesuch"));
        assertEquals(400, refused.status(), refused.body().toString());
        assertTrue(refused.body().toString().contains("defaultProfile")
                && refused.body().get("detail").asText().contains("'nonesuch'"), refused.body().toString());
        assertTrue(absent(CertgateApi.get("/acme/account").body(), "defaultProfile"));

        // a profile name that no CA could list: 400 on the domains, nothing saved
        Map<String, Object> binding = domainBinding(AcmeIT.unique("badprofile"), "short lived!");
        CertgateApi.Answer bad = CertgateApi.post("/applications", Map.of("name", "bad-profile",
                "backends", List.of("http://127.0.0.1:9"), "domains", List.of(binding)));
        assertEquals(400, bad.status(), bad.body().toString());
        assertTrue(bad.body().get("detail").asText().contains("ACME profile"), bad.body().toString());
        assertFalse(CertgateApi.get("/applications").body().toString().contains("bad-profile"));

        // a default the CA offers is kept and shown
        CertgateApi.Answer saved = AcmeIT.putAccount(Map.of("directoryUrl", front.directory(),
                "email", "certgate-it@certgate.test", "termsAgreed", true, "defaultProfile", "classic"));
        assertEquals(200, saved.status(), saved.body().toString());
        assertEquals("classic", saved.body().get("defaultProfile").asText());
        assertEquals(200, AcmeIT.saveAccount(front.directory()).status()); // back to no default
    }

    /** JSON-B leaves out a null field. */
    private static boolean absent(JsonNode node, String field) {
        return node.path(field).isMissingNode() || node.path(field).isNull();
    }

    private static String application(String domain, String profile) throws Exception {
        CertgateApi.Answer created = CertgateApi.post("/applications", Map.of("name", domain,
                "backends", List.of("http://127.0.0.1:9"), "domains", List.of(domainBinding(domain, profile))));
        assertEquals(201, created.status(), created.body().toString());
        return created.body().get("id").asText();
    }

    private static Map<String, Object> domainBinding(String domain, String profile) {
        Map<String, Object> acme = new HashMap<>();
        acme.put("challenge", "HTTP_01");
        if (profile != null) {
            acme.put("profile", profile);
        }
        Map<String, Object> binding = new HashMap<>();
        binding.put("name", domain);
        binding.put("acme", acme);
        binding.put("redirectHttps", false);
        binding.put("hsts", false);
        return binding;
    }

    /**
     * The new orders the CA took (201). Pebble refuses 5 % of nonces on purpose (bin/test keeps that on), and acme4j
     * sends a refused request again with a fresh nonce: the refused one is a 400 (badNonce) the front saw too, not an
     * order of certgate's.
     */
    private static List<AcmeFront.NewOrder> accepted(List<AcmeFront.NewOrder> orders) {
        return orders.stream().filter(o -> o.status() == 201).toList();
    }
}
