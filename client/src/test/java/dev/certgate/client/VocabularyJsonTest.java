package dev.certgate.client;

import dev.certgate.api.AcmeSettings;
import dev.certgate.api.ChallengeType;
import dev.certgate.api.InvalidInputException;
import dev.certgate.api.IssueRequest;
import dev.certgate.api.KeyType;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The api's enums on the wire through JSON-B (Yasson, as in WildFly): written by their constant names, read as the
 * services read typed text, and an unknown name comes out as the {@link InvalidInputException} the REST API answers
 * with (400, the field named, the choices listed), not as an unreadable body.
 */
class VocabularyJsonTest {

    private final Jsonb jsonb = JsonbBuilder.create();

    @Test
    void enumsAreWrittenByTheirNamesAndReadAsUsersTypeThem() {
        assertEquals("{\"challenge\":\"DNS_01\",\"keyType\":\"RSA_2048\"}",
                jsonb.toJson(AcmeSettings.of(ChallengeType.DNS_01, KeyType.RSA_2048)));
        AcmeSettings read = jsonb.fromJson("{\"challenge\":\"tls-alpn-01\",\"keyType\":\" ec_p256 \"}",
                AcmeSettings.class);
        assertEquals(AcmeSettings.of(ChallengeType.TLS_ALPN_01, KeyType.EC_P256), read);
        assertEquals(AcmeSettings.of(null, null), jsonb.fromJson("{}", AcmeSettings.class));
    }

    @Test
    void anUnknownNameIsTheInvalidInputTheRestApiAnswers() {
        JsonbException refused = assertThrows(JsonbException.class, () -> jsonb.fromJson(
                "{\"commonName\":\"a.test\",\"keyType\":\"DSA_1024\"}", IssueRequest.class));
        InvalidInputException cause = null;
        for (Throwable t = refused; t != null && cause == null; t = t.getCause()) {
            cause = t instanceof InvalidInputException invalid ? invalid : null;
        }
        assertTrue(cause != null, "the adapter's exception is the cause: " + refused);
        assertEquals("keyType", cause.field());
        assertEquals("The key type \"DSA_1024\" is not known. Choose one of EC_P256, EC_P384, RSA_2048, RSA_3072, "
                + "RSA_4096.", cause.getMessage());
        assertEquals(List.of(), jsonb.fromJson("{\"commonName\":\"a.test\"}", IssueRequest.class)
                .subjectAltNames());
    }
}
