package dev.certgate.web.rest;

import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which declared types count as JSON for a state-changing call (the CORS "simple" ones never do). Built with
 * MediaType's constructors: parsing one needs the JAX-RS runtime, which only the server has.
 */
class JsonOnlyFilterTest {

    @Test
    void onlyJsonTypesPass() {
        assertTrue(JsonOnlyFilter.isJson(new MediaType("application", "json")));
        assertTrue(JsonOnlyFilter.isJson(new MediaType("application", "json", "UTF-8")));
        assertTrue(JsonOnlyFilter.isJson(new MediaType("Application", "JSON")));
        assertTrue(JsonOnlyFilter.isJson(new MediaType("application", "merge-patch+json")));
        assertFalse(JsonOnlyFilter.isJson(null));
        assertFalse(JsonOnlyFilter.isJson(new MediaType("text", "plain")));
        assertFalse(JsonOnlyFilter.isJson(new MediaType("application", "x-www-form-urlencoded")));
        assertFalse(JsonOnlyFilter.isJson(new MediaType("multipart", "form-data")));
        assertFalse(JsonOnlyFilter.isJson(new MediaType("text", "json")));
        assertFalse(JsonOnlyFilter.isJson(new MediaType("application", "jsonp")));
    }
}
