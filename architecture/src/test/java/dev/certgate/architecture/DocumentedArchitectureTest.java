package dev.certgate.architecture;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/architecture.md against the code: the capability table names every package of the server, and the package
 * graph it documents is the one the compiled classes have (no other dependency between capabilities).
 */
class DocumentedArchitectureTest {

    private static final Pattern PACKAGE = Pattern.compile("`dev\\.certgate\\.([a-z]+)`");

    /** The capability packages the document lists, each with the ones it may depend on. */
    private static Map<String, Set<String>> graph;
    /** Every top-level package the capability table and its footnote name. */
    private static Set<String> documented;
    private static JavaClasses server;

    @BeforeAll
    static void read() throws IOException {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        String doc = Files.readString(root.resolve("docs/architecture.md"));
        graph = new LinkedHashMap<>();
        String table = doc.substring(doc.indexOf("| package | may depend on |"));
        for (String line : table.split("\n")) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            Matcher from = PACKAGE.matcher(cells[1]);
            if (!from.find()) {
                continue;
            }
            Set<String> to = new TreeSet<>();
            Matcher target = PACKAGE.matcher(cells[2]);
            while (target.find()) {
                to.add(target.group(1));
            }
            graph.put(from.group(1), to);
        }
        documented = new TreeSet<>();
        Matcher named = Pattern.compile("`dev\\.certgate\\.([a-z]+)[`.]").matcher(doc);
        while (named.find()) {
            documented.add(named.group(1));
        }
        Matcher shared = Pattern.compile("every package may also use ([^)]*)\\)").matcher(doc);
        assertTrue(shared.find(), "docs/architecture.md says which packages every package may use");
        Matcher word = Pattern.compile("`([a-z]+)`").matcher(shared.group(1));
        while (word.find()) {
            documented.add(word.group(1));
        }
        server = new ClassFileImporter().importPaths(root.resolve("ejb/target/classes"),
                root.resolve("persistence/target/classes"));
    }

    @Test
    void theDocumentedGraphIsNotEmpty() {
        assertTrue(graph.size() >= 6, "the package graph of docs/architecture.md was read: " + graph);
    }

    @Test
    void everyServerPackageIsDocumented() {
        Set<String> missing = new TreeSet<>();
        for (JavaClass c : server) {
            String top = topLevel(c.getPackageName());
            if (top != null && !documented.contains(top)) {
                missing.add("dev.certgate." + top);
            }
        }
        assertEquals(Set.of(), missing, "packages of the code that docs/architecture.md does not name");
    }

    @Test
    void capabilitiesDependOnlyAsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (JavaClass c : server) {
            String from = topLevel(c.getPackageName());
            if (from == null || !graph.containsKey(from)) {
                continue;
            }
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topLevel(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from) && graph.containsKey(to) && !graph.get(from).contains(to)) {
                    undocumented.add(from + " -> " + to + ": " + d.getDescription());
                }
            }
        }
        assertEquals(List.of(), undocumented, "dependencies between capabilities that docs/architecture.md does "
                + "not allow (change the code, or the document if the design changed)");
    }

    @Test
    void theDocumentedGraphHasNoCycle() {
        for (String start : graph.keySet()) {
            assertFalse(reaches(start, start, new TreeSet<>()), "docs/architecture.md's graph has a cycle through "
                    + start);
        }
    }

    private static boolean reaches(String from, String goal, Set<String> seen) {
        for (String next : graph.getOrDefault(from, Set.of())) {
            if (next.equals(goal) || (seen.add(next) && reaches(next, goal, seen))) {
                return true;
            }
        }
        return false;
    }

    /** {@code x} of {@code dev.certgate.x[.…]}; null for a class outside certgate. */
    private static String topLevel(String packageName) {
        if (!packageName.startsWith("dev.certgate.")) {
            return null;
        }
        String rest = packageName.substring("dev.certgate.".length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
