package dev.certgate.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every typed log message has its own id: operators search and alert on {@code CERTGATE-nnnn}, so one id naming two
 * different messages (in two modules, say) would send them to the wrong place. One method may use its id on more
 * than one line (a debug and a warning variant of the same message).
 */
class LogIdsTest {

    private static final Pattern METHOD = Pattern.compile("(?m)^    public static void (\\w+)\\(");
    private static final Pattern ID = Pattern.compile("CERTGATE-(\\d{4})");

    @Test
    void noIdNamesTwoMessages() throws IOException {
        Path root = Path.of(System.getProperty("basedir", "")).toAbsolutePath().getParent();
        Map<String, String> owner = new TreeMap<>();
        for (String file : new String[] {"ejb/src/main/java/dev/certgate/logging/CertgateLog.java",
                "web/src/main/java/dev/certgate/web/WebLog.java"}) {
            String source = Files.readString(root.resolve(file));
            Matcher method = METHOD.matcher(source);
            int count = 0;
            while (method.find()) {
                int end = source.indexOf("\n    }\n", method.end());
                String where = file.substring(file.lastIndexOf('/') + 1) + "." + method.group(1);
                Matcher id = ID.matcher(source.substring(method.end(), end));
                while (id.find()) {
                    String previous = owner.putIfAbsent(id.group(1), where);
                    if (previous != null && !previous.equals(where)) {
                        fail("CERTGATE-" + id.group(1) + " is used by " + previous + " and by " + where);
                    }
                }
                count++;
            }
            assertTrue(count > 1, "read the log methods of " + file);
        }
    }
}
