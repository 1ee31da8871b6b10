package dev.certgate.it;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** WildFly's HTTP management API (digest authentication, so through curl). */
final class Management {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Management() {
    }

    /**
     * Sets the server's system property {@code name} to {@code value} at runtime (a standalone server applies it at
     * once, no reload), as {@code /system-property=NAME:add(value=...)} or {@code :write-attribute} would; a null
     * value removes it (the JVM property is cleared, even one that was given with -D).
     */
    static void systemProperty(String name, String value) throws Exception {
        String address = "[{\"system-property\": \"" + name + "\"}]";
        boolean exists = execute("{\"operation\": \"read-resource\", \"address\": " + address + "}")
                .matches("(?s).*\"outcome\"\\s*:\\s*\"success\".*");
        String operation;
        if (value == null) {
            if (!exists) {
                execute("{\"operation\": \"add\", \"address\": " + address + ", \"value\": \"\"}");
            }
            operation = "{\"operation\": \"remove\", \"address\": " + address + "}";
        } else if (exists) {
            operation = "{\"operation\": \"write-attribute\", \"address\": " + address
                    + ", \"name\": \"value\", \"value\": " + JSON.writeValueAsString(value) + "}";
        } else {
            operation = "{\"operation\": \"add\", \"address\": " + address + ", \"value\": "
                    + JSON.writeValueAsString(value) + "}";
        }
        String outcome = execute(operation);
        if (!outcome.matches("(?s).*\"outcome\"\\s*:\\s*\"success\".*")) {
            throw new AssertionError("system property " + name + ": " + outcome);
        }
    }

    /** One management operation (JSON); its answer, successful or not. */
    static String execute(String operation) throws Exception {
        return Openssl.run(Path.of("."), "curl", "-sS", "--digest", "-u",
                ItSettings.MANAGEMENT_USER.name() + ":" + ItSettings.MANAGEMENT_USER.password(),
                "-H", "Content-Type: application/json", "-d", operation, ItSettings.MANAGEMENT);
    }

    /** Reloads the server (the application restarts, as after a server restart) and waits until it answers. */
    static void reloadAndWait() throws Exception {
        Openssl.run(Path.of("."), "curl", "-sS", "--fail", "--digest", "-u",
                ItSettings.MANAGEMENT_USER.name() + ":" + ItSettings.MANAGEMENT_USER.password(),
                "-H", "Content-Type: application/json", "-d", "{\"operation\":\"reload\"}", ItSettings.MANAGEMENT);
        Thread.sleep(2_000);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (CertgateApi.send(CertgateApi.request("/instance-key").GET(), ItSettings.ADMIN).status() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still restarting
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not come back within 120 s after a reload");
    }
}
