package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /api/v1/users} and {@code /api/v1/account/password} over real HTTP against the JDBC realm: every call's
 * success and documented errors, and that no answer ever carries a password, a hash or a salt. bin/test seeds
 * it-admin as the only admin, so the last-admin rule can be tried on it (every such call is refused).
 */
class UsersIT {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    static CertgateApi.Answer call(String method, String path, Map<String, ?> json, ItSettings.User as)
            throws Exception {
        HttpRequest.Builder request = CertgateApi.request(path);
        HttpRequest.BodyPublisher publisher = json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(CertgateApi.json(json));
        if (json != null || !"DELETE".equals(method)) { // a call that changes something declares JSON
            request.header("Content-Type", "application/json");
        }
        request.method(method, publisher);
        return CertgateApi.send(request, as);
    }

    static CertgateApi.Answer createUser(String name, String password, String... roles) throws Exception {
        return call("POST", "/users", body("name", name, "password", password, "roles", List.of(roles)),
                ItSettings.ADMIN);
    }

    /** Neither the clear password, nor anything stored for it, nor a field that could carry it. */
    private static void assertNothingSecret(CertgateApi.Answer answer, String... secrets) throws Exception {
        String text = answer.body().toString();
        for (String secret : secrets) {
            assertFalse(text.contains(secret), "an answer contains a secret: " + text);
        }
        for (String stored : storedSecrets()) {
            assertFalse(text.contains(stored), "an answer contains a stored hash or salt: " + text);
        }
        List<String> fields = new ArrayList<>();
        collectFields(answer.body(), fields);
        for (String field : fields) {
            String lower = field.toLowerCase();
            assertFalse(lower.contains("password") || lower.contains("hash") || lower.contains("salt"),
                    "field " + field + " in " + text);
        }
    }

    private static void collectFields(JsonNode node, List<String> into) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                // a problem document's field errors name inputs ("password") without their value
                if (!field.getKey().equals("errors")) {
                    into.add(field.getKey());
                    collectFields(field.getValue(), into);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> collectFields(child, into));
        }
    }

    private static List<String> storedSecrets() throws Exception {
        List<String> secrets = new ArrayList<>();
        try (Connection c = Database.connect();
             PreparedStatement st = c.prepareStatement("SELECT password_hash, password_salt FROM app_user");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                secrets.add(rs.getString(1));
                secrets.add(rs.getString(2));
            }
        }
        return secrets;
    }

    private static int signInStatus(String name, String password) throws Exception {
        return CertgateApi.send(CertgateApi.request("/certificates?size=1").GET(),
                new ItSettings.User(name, password)).status();
    }

    @Test
    void anAdminAddsChangesAndDeletesAUser() throws Exception {
        String name = fresh("user");
        String password = "first-" + UUID.randomUUID();
        CertgateApi.Answer created = createUser(name, password, "operator");
        assertEquals(201, created.status(), created.body().toString());
        assertEquals(name, created.body().get("name").asText());
        assertEquals("[\"operator\"]", created.body().get("roles").toString());
        assertTrue(created.body().get("enabled").asBoolean());
        assertNothingSecret(created, password);
        assertEquals(200, signInStatus(name, password), "the new user signs in");
        assertEquals(1, Database.auditRows(name, "USER_CREATE"));

        CertgateApi.Answer list = call("GET", "/users", null, ItSettings.ADMIN);
        assertEquals(200, list.status());
        assertTrue(list.body().toString().contains("\"name\":\"" + name + "\""), list.body().toString());
        assertNothingSecret(list, password);
        CertgateApi.Answer one = call("GET", "/users/" + name, null, ItSettings.ADMIN);
        assertEquals(200, one.status());
        assertNothingSecret(one, password);

        CertgateApi.Answer disabled = call("PUT", "/users/" + name,
                body("roles", List.of("auditor", "operator"), "enabled", false), ItSettings.ADMIN);
        assertEquals(200, disabled.status(), disabled.body().toString());
        assertEquals("[\"auditor\",\"operator\"]", disabled.body().get("roles").toString());
        assertFalse(disabled.body().get("enabled").asBoolean());
        assertEquals(401, signInStatus(name, password), "a disabled user cannot sign in");

        String reset = "reset-" + UUID.randomUUID();
        CertgateApi.Answer enabled = call("PUT", "/users/" + name, body("enabled", true, "password", reset),
                ItSettings.ADMIN);
        assertEquals(200, enabled.status(), enabled.body().toString());
        assertNothingSecret(enabled, password, reset);
        assertEquals(200, signInStatus(name, reset), "the reset password works");
        assertEquals(401, signInStatus(name, password), "the old one no longer");

        assertEquals(204, call("DELETE", "/users/" + name, null, ItSettings.ADMIN).status());
        assertEquals(404, call("GET", "/users/" + name, null, ItSettings.ADMIN).status());
        assertEquals(401, signInStatus(name, reset), "a deleted user cannot sign in");
        assertEquals(1, Database.auditRows(name, "USER_DELETE"));
    }

    @Test
    void badInputIs400WithTheFieldNamed() throws Exception {
        String good = "long-enough-password";
        Object[][] cases = {
                {body("name", "Upper Case", "password", good, "roles", List.of("operator")), "name"},
                {body("name", "", "password", good, "roles", List.of("operator")), "name"},
                {body("name", fresh("short"), "password", "too-short", "roles", List.of("operator")), "password"},
                {body("name", fresh("noroles"), "password", good, "roles", List.of()), "roles"},
                {body("name", fresh("badrole"), "password", good, "roles", List.of("root")), "roles"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            CertgateApi.Answer refused = call("POST", "/users", (Map<String, ?>) c[0], ItSettings.ADMIN);
            assertEquals(400, refused.status(), refused.body().toString());
            assertTrue(refused.contentType().startsWith("application/problem+json"), refused.contentType());
            assertEquals(c[1], refused.body().get("errors").get(0).get("field").asText(), refused.body().toString());
            assertNothingSecret(refused, good, "too-short");
        }
        CertgateApi.Answer noBody = CertgateApi.send(CertgateApi.request("/users")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.noBody()), ItSettings.ADMIN);
        assertEquals(400, noBody.status(), noBody.body().toString());
        CertgateApi.Answer shortReset = call("PUT", "/users/" + ItSettings.OPERATOR.name(),
                body("password", "short"), ItSettings.ADMIN);
        assertEquals(400, shortReset.status(), shortReset.body().toString());
        assertEquals(404, call("PUT", "/users/" + fresh("nobody"), body("enabled", true), ItSettings.ADMIN).status());
        assertEquals(404, call("DELETE", "/users/" + fresh("nobody"), null, ItSettings.ADMIN).status());
    }

    @Test
    void aDuplicateNameIs409() throws Exception {
        CertgateApi.Answer duplicate = createUser(ItSettings.OPERATOR.name(), "another-password-1", "auditor");
        assertEquals(409, duplicate.status(), duplicate.body().toString());
        assertTrue(duplicate.body().get("detail").asText().contains("exists already"));
    }

    @Test
    void theLastAdminCannotBeDeletedDisabledOrDemoted() throws Exception {
        String admin = ItSettings.ADMIN.name();
        CertgateApi.Answer deleted = call("DELETE", "/users/" + admin, null, ItSettings.ADMIN);
        assertEquals(409, deleted.status(), deleted.body().toString());
        assertTrue(deleted.body().get("detail").asText().contains("last enabled admin"), deleted.body().toString());
        assertEquals(409, call("PUT", "/users/" + admin, body("enabled", false), ItSettings.ADMIN).status());
        assertEquals(409, call("PUT", "/users/" + admin, body("roles", List.of("operator")), ItSettings.ADMIN).status());
        assertEquals(200, signInStatus(admin, ItSettings.ADMIN.password()), "still an admin, still signs in");
        assertEquals(200, call("GET", "/users", null, ItSettings.ADMIN).status());

        // with a second admin, either may go
        String second = fresh("admin");
        assertEquals(201, createUser(second, "second-admin-password", "admin").status());
        try {
            CertgateApi.Answer demoted = call("PUT", "/users/" + second, body("roles", List.of("auditor")),
                    ItSettings.ADMIN);
            assertEquals(200, demoted.status(), demoted.body().toString());
        } finally {
            assertEquals(204, call("DELETE", "/users/" + second, null, ItSettings.ADMIN).status());
        }
    }

    @Test
    void onlyAdminsManageUsers() throws Exception {
        for (ItSettings.User user : new ItSettings.User[]{ItSettings.OPERATOR, ItSettings.AUDITOR}) {
            CertgateApi.Answer list = call("GET", "/users", null, user);
            assertEquals(403, list.status(), list.body().toString());
            assertTrue(list.body().get("detail").asText().startsWith("Your role does not allow this."));
            assertEquals(403, call("POST", "/users", body("name", fresh("x"), "password", "long-enough-password",
                    "roles", List.of("admin")), user).status());
            assertEquals(403, call("PUT", "/users/" + user.name(), body("roles", List.of("admin")), user).status());
            assertEquals(403, call("DELETE", "/users/" + ItSettings.ADMIN.name(), null, user).status());
        }
    }

    @Test
    void withoutGoodCredentialsIs401() throws Exception {
        assertEquals(401, call("GET", "/users", null, null).status());
        assertEquals(401, call("POST", "/users", body("name", "x"), null).status());
        assertEquals(401, call("DELETE", "/users/" + ItSettings.ADMIN.name(), null, null).status());
        assertEquals(401, call("GET", "/users", null, new ItSettings.User(ItSettings.ADMIN.name(), "wrong-password"))
                .status());
        assertEquals(401, call("GET", "/users", null, new ItSettings.User("IT-ADMIN", ItSettings.ADMIN.password()))
                .status(), "names are exact, never case-folded");
    }

    @Test
    void everyUserChangesTheirOwnPassword() throws Exception {
        String name = fresh("self");
        String password = "mine-" + UUID.randomUUID();
        assertEquals(201, createUser(name, password, "auditor").status());
        ItSettings.User me = new ItSettings.User(name, password);
        try {
            CertgateApi.Answer wrong = call("PUT", "/account/password",
                    body("currentPassword", "not-my-password", "newPassword", "a-new-long-password"), me);
            assertEquals(400, wrong.status(), wrong.body().toString());
            assertEquals("currentPassword", wrong.body().get("errors").get(0).get("field").asText());
            CertgateApi.Answer tooShort = call("PUT", "/account/password",
                    body("currentPassword", password, "newPassword", "short"), me);
            assertEquals(400, tooShort.status(), tooShort.body().toString());
            String changed = "changed-" + UUID.randomUUID();
            CertgateApi.Answer done = call("PUT", "/account/password",
                    body("currentPassword", password, "newPassword", changed), me);
            assertEquals(204, done.status(), done.body().toString());
            assertEquals(200, signInStatus(name, changed));
            assertEquals(401, signInStatus(name, password));
            assertEquals(1, Database.auditRows(name, "PASSWORD_CHANGE"));
            assertEquals(401, call("PUT", "/account/password", body("currentPassword", password), null).status());
        } finally {
            assertEquals(204, call("DELETE", "/users/" + name, null, ItSettings.ADMIN).status());
        }
    }
}
