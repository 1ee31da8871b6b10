package dev.certgate.web.rest;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-written openapi.yaml documents exactly the operations the JAX-RS resources of this package serve: a new
 * resource method fails this test until the document names it (RestContractIT then calls each one on the server).
 */
class OpenApiDocumentTest {

    private static final Map<Class<? extends Annotation>, String> VERBS = Map.of(GET.class, "GET", POST.class, "POST",
            PUT.class, "PUT", DELETE.class, "DELETE");

    @Test
    void everyResourceMethodIsDocumentedAndNothingElse() throws Exception {
        TreeSet<String> served = served();
        TreeSet<String> documented = documented();
        assertTrue(served.size() > 30, "found the resources: " + served);
        TreeSet<String> undocumented = new TreeSet<>(served);
        undocumented.removeAll(documented);
        TreeSet<String> notServed = new TreeSet<>(documented);
        notServed.removeAll(served);
        assertEquals(List.of(), List.copyOf(undocumented), "served but not in openapi.yaml");
        assertEquals(List.of(), List.copyOf(notServed), "in openapi.yaml but not served");
    }

    @Test
    void theDocumentsEnumsAreTheApisVocabulary() throws Exception {
        String document = document();
        assertEquals(names(dev.certgate.api.AuditAction.values()), schemaEnum(document, "AuditAction"));
        assertEquals(names(dev.certgate.api.CertificateSource.values()), schemaEnum(document, "Source"));
        assertEquals(names(dev.certgate.api.KeyType.values()), schemaEnum(document, "KeyType"));
        assertEquals(names(dev.certgate.api.PreflightCheck.values()), schemaEnum(document, "PreflightCheck"));
        assertEquals(names(dev.certgate.api.PreflightOutcome.values()), schemaEnum(document, "PreflightOutcome"));
    }

    private static List<String> names(Enum<?>[] constants) {
        return java.util.Arrays.stream(constants).map(Enum::name).toList();
    }

    /** The values of {@code    NAME: {type: string, enum: [A, B]...}} under components/schemas. */
    private static List<String> schemaEnum(String document, String name) {
        Matcher schema = Pattern.compile("(?m)^    " + name + ": \\{type: string, enum: \\[([^]]*)]").matcher(document);
        assertTrue(schema.find(), name + " in openapi.yaml");
        return List.of(schema.group(1).split(",\\s*"));
    }

    private static String document() throws IOException {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("openapi.yaml")) {
            assertNotNull(in, "openapi.yaml next to OpenApiResource");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** "VERB /path" of every resource method of this package, path parameters as {name}. */
    private static TreeSet<String> served() throws IOException, URISyntaxException, ClassNotFoundException {
        java.nio.file.Path classes = java.nio.file.Path.of(OpenApiResource.class.getResource(
                "OpenApiResource.class").toURI()).getParent();
        TreeSet<String> operations = new TreeSet<>();
        try (Stream<java.nio.file.Path> files = Files.list(classes)) {
            for (java.nio.file.Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                Class<?> type = Class.forName(OpenApiResource.class.getPackageName() + "."
                        + name.substring(0, name.length() - ".class".length()), false,
                        OpenApiDocumentTest.class.getClassLoader());
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    for (Map.Entry<Class<? extends Annotation>, String> verb : VERBS.entrySet()) {
                        if (method.isAnnotationPresent(verb.getKey())) {
                            Path sub = method.getAnnotation(Path.class);
                            operations.add(verb.getValue() + " " + join(base.value(), sub == null ? "" : sub.value()));
                        }
                    }
                }
            }
        }
        return operations;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}"); // {id: regex} is documented as {id}
    }

    /** "VERB /path" of every operation under paths: in openapi.yaml. */
    private static TreeSet<String> documented() throws IOException {
        String document = document();
        TreeSet<String> operations = new TreeSet<>();
        String path = null;
        Matcher line = Pattern.compile("(?m)^  (/\\S*):$|^    (get|put|post|delete|patch|head|options):$").matcher(
                document.substring(document.indexOf("\npaths:"), document.indexOf("\ncomponents:")));
        while (line.find()) {
            if (line.group(1) != null) {
                path = line.group(1);
            } else {
                operations.add(line.group(2).toUpperCase(java.util.Locale.ROOT) + " " + path);
            }
        }
        return operations;
    }
}
