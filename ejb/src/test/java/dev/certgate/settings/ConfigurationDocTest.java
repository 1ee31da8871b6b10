package dev.certgate.settings;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/configuration.md documents exactly the settings of {@link CertgateSettings}: every setting has a row, every
 * row is a setting, and each row's environment variables, type, default and "read" column are the code's.
 */
class ConfigurationDocTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");
    private static final String HEADER = "| setting | environment | type | default | read | meaning |";

    /** A row of a settings table, its cells as written (backticks removed). */
    private record Row(String name, List<String> environment, String type, String defaultText, String read,
                       String meaning) {
    }

    private static Map<String, Row> documented() throws IOException {
        List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
        Map<String, Row> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : lines) {
            if (line.strip().equals(HEADER)) {
                inTable = true;
                continue;
            }
            if (!inTable || line.startsWith("|---")) {
                continue;
            }
            if (!line.startsWith("|")) {
                inTable = false;
                continue;
            }
            String[] cells = line.substring(1, line.lastIndexOf('|')).split("\\|", -1);
            assertEquals(6, cells.length, "six cells: " + line);
            String environment = plain(cells[1]);
            Row row = new Row(plain(cells[0]), environment.equals("—") ? List.of()
                    : Arrays.stream(environment.split(",")).map(String::strip).toList(),
                    plain(cells[2]), plain(cells[3]), plain(cells[4]), cells[5].strip());
            assertEquals(null, rows.put(row.name(), row), "documented twice: " + row.name());
        }
        return rows;
    }

    private static String plain(String cell) {
        return cell.replace("`", "").strip();
    }

    @Test
    void everySettingIsDocumentedAndEveryDocumentedSettingExists() throws IOException {
        Map<String, Row> documented = documented();
        List<String> inCode = CertgateSettings.ALL.stream().map(Setting::name).toList();
        List<String> undocumented = new ArrayList<>(inCode);
        undocumented.removeAll(documented.keySet());
        List<String> unknown = new ArrayList<>(documented.keySet());
        unknown.removeAll(inCode);
        assertEquals(List.of(), undocumented, "settings in CertgateSettings without a row in " + DOC);
        assertEquals(List.of(), unknown, "rows in " + DOC + " that name no setting of CertgateSettings");
        assertEquals(inCode, List.copyOf(documented.keySet()), "the same order as CertgateSettings.ALL");
    }

    @Test
    void eachRowSaysWhatTheCodeDoes() throws IOException {
        Map<String, Row> documented = documented();
        for (Setting<?> setting : CertgateSettings.ALL) {
            Row row = documented.get(setting.name());
            if (row == null) {
                continue; // reported by the other test
            }
            assertEquals(setting.environment(), row.environment(), setting.name() + ": environment");
            assertEquals(setting.type(), row.type(), setting.name() + ": type");
            assertEquals(setting.defaultText(), row.defaultText(), setting.name() + ": default");
            assertEquals(setting.read().label(), row.read(), setting.name() + ": read");
            assertTrue(row.meaning().length() > 10, setting.name() + ": say what it means");
        }
    }
}
