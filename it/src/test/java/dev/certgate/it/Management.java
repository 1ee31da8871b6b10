package dev.certgate.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** WildFly's HTTP management API (digest authentication, so through curl). */
final class Management {

    private Management() {
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
