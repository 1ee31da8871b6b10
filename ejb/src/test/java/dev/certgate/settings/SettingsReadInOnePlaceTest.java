package dev.certgate.settings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server's code reads no system property or environment variable of its own: every setting goes through
 * {@link CertgateSettings} (so that it is validated, documented and follows the one precedence rule).
 */
class SettingsReadInOnePlaceTest {

    private static final Pattern DIRECT_READ = Pattern.compile(
            "System\\s*\\.\\s*(getProperty|getenv|getProperties)\\b|System\\s*::\\s*(getProperty|getenv)"
                    + "|(Integer|Long|Boolean)\\s*\\.\\s*(getInteger|getLong|getBoolean)\\s*\\(");
    private static final List<String> SERVER_MODULES = List.of("ejb", "web", "persistence", "api");

    @Test
    void noServerCodeReadsASettingDirectly() throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String module : SERVER_MODULES) {
            Path sources = Path.of("..", module, "src", "main", "java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(sources)) {
                for (Path file : walk.filter(f -> f.toString().endsWith(".java")).toList()) {
                    files++;
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    for (int i = 0; i < lines.size(); i++) {
                        if (DIRECT_READ.matcher(lines.get(i)).find()) {
                            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
                        }
                    }
                }
            }
        }
        assertTrue(files > 100, "found the server's sources (" + files + " files)");
        assertEquals(List.of(), found, "read these through dev.certgate.settings.CertgateSettings");
    }

    @Test
    void thePatternFindsTheUsualWays() {
        for (String read : new String[]{"System.getProperty(\"x\")", "System.getenv(\"X\")", "from(System::getProperty)",
                "Integer.getInteger(\"x\", 4)", "System .getenv().get(\"X\")"}) {
            assertTrue(DIRECT_READ.matcher(read).find(), read);
        }
    }
}
