package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.certgate.it.UsersIT.body;
import static dev.certgate.it.UsersIT.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 point 6: while the database refuses certgate ({@link DatabaseOutage}: certgate's MariaDB account locked
 * and its sessions killed), every REST call, page and EJB remote call says that the database is unavailable (a 503
 * problem+json for REST, exit 8 for the command line), never a sign-in page or a wrong-password message; nothing is
 * half-saved; and everything works again within seconds of the database coming back, without a restart.
 *
 * <p>The calls are made as a user of this test only: a refused sign-in must never count against the well-known
 * users' brute-force protection, whatever the server makes of a realm that cannot answer.
 */
class DatabaseOutageIT {

    private static final ItSettings.User USER = new ItSettings.User(
            "outage-" + UUID.randomUUID().toString().substring(0, 8), "Outage-pw-" + UUID.randomUUID());

    @BeforeAll
    static void aUserOfItsOwn() throws Exception {
        CertgateApi.Answer made = UsersIT.createUser(USER.name(), USER.password(), "operator");
        assertEquals(201, made.status(), made.body().toString());
    }

    @AfterAll
    static void removeIt() throws Exception {
        call("DELETE", "/users/" + USER.name(), null, ItSettings.ADMIN);
    }

    @Test
    void everySurfaceSaysTheDatabaseIsUnavailableAndAllWorksAgainAfter() throws Exception {
        String name = "outage-write-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        List<org.junit.jupiter.api.function.Executable> failures = new java.util.ArrayList<>();
        ChromeDriver signedIn = Browser.start();
        ChromeDriver fresh = Browser.start();
        try {
            Browser.signIn(signedIn, USER);
            AdminPages.waitFor(signedIn).until(d -> d.findElement(By.id("signedInUser")).isDisplayed());
            DatabaseOutage outage = DatabaseOutage.begin();
            try {
                // REST, a read and a write, with valid credentials
                CertgateApi.Answer read = call("GET", "/certificates", null, USER);
                System.out.println("DatabaseOutageIT: GET during the outage: " + read.status() + " " + read.body());
                assertUnavailable(read);
                CertgateApi.Answer write = call("POST", "/certificates/self-signed", body("commonName", name), USER);
                System.out.println("DatabaseOutageIT: POST during the outage: " + write.status() + " " + write.body());
                assertUnavailable(write);

                // the command line (EJB remote)
                CliIT.Run cli = CliIT.certgate(USER, "cert", "list");
                System.out.println("DatabaseOutageIT: CLI during the outage: " + cli);
                failures.add(() -> {
                    assertEquals(8, cli.exit(), cli.toString());
                    assertTrue(cli.err().toLowerCase().contains("database"), cli.toString());
                    assertFalse(cli.err().contains("\tat "), cli.toString());
                });

                // a page of a signed-in session
                signedIn.get(ItSettings.HTTP + "/certgate/certificates.xhtml");
                String page = AdminPages.waitFor(signedIn).until(d -> d.findElement(By.tagName("body"))).getText();
                System.out.println("DatabaseOutageIT: page during the outage: " + page);
                String notice = signedIn.findElements(By.id("databaseAway")).stream()
                        .map(org.openqa.selenium.WebElement::getText).findFirst().orElse("(no notice)");
                failures.add(() -> assertTrue(notice.contains("database does not answer"), page));
                failures.add(() -> assertFalse(page.contains("\tat ") || page.contains("Exception"), page));

                // signing in
                Browser.signIn(fresh, USER);
                String signIn = AdminPages.waitFor(fresh).until(d -> {
                    String text = d.findElement(By.tagName("body")).getText();
                    return text.toLowerCase().contains("database") || text.contains("wrong") ? text : null;
                });
                System.out.println("DatabaseOutageIT: sign-in during the outage: " + signIn);
                failures.add(() -> assertTrue(signIn.toLowerCase().contains("database"), signIn));
                failures.add(() -> assertFalse(signIn.contains("\tat ") || signIn.contains("Exception"), signIn));
            } finally {
                outage.close();
            }
            org.junit.jupiter.api.Assertions.assertAll(failures);
            // back within seconds, without a restart: a read, then the write that failed, which was not half-saved
            long back = System.nanoTime();
            CertgateApi.Answer read;
            do {
                Thread.sleep(250);
                read = call("GET", "/certificates", null, USER);
            } while (read.status() != 200 && System.nanoTime() - back < Duration.ofSeconds(60).toNanos());
            assertEquals(200, read.status(), read.body().toString());
            System.out.printf("DatabaseOutageIT: REST answered again %.1f s after the database came back%n",
                    (System.nanoTime() - back) / 1e9);
            assertFalse(read.body().toString().contains(name), "nothing of the refused write was saved");
            CertgateApi.Answer write = call("POST", "/certificates/self-signed", body("commonName", name), USER);
            assertEquals(201, write.status(), write.body().toString());
            assertEquals(0, CliIT.certgate(USER, "cert", "list").exit());
            signedIn.get(ItSettings.HTTP + "/certgate/certificates.xhtml");
            AdminPages.waitFor(signedIn).until(d -> d.findElement(By.id("main")).isDisplayed());
            assertTrue(signedIn.findElements(By.id("databaseAway")).isEmpty(), "the notice is gone");
            Browser.signIn(fresh, USER);
            AdminPages.waitFor(fresh).until(d -> d.findElement(By.id("signedInUser")).isDisplayed());
            call("DELETE", "/certificates/" + write.body().path("id").asText(), null, USER);
        } finally {
            signedIn.quit();
            fresh.quit();
        }
    }

    private static void assertUnavailable(CertgateApi.Answer answer) {
        assertEquals(503, answer.status(), answer.body().toString());
        JsonNode problem = answer.body();
        assertEquals(503, problem.path("status").asInt(), problem.toString());
        assertTrue(problem.path("detail").asText().toLowerCase().contains("database"), problem.toString());
        assertFalse(problem.toString().contains("\\tat "), problem.toString());
    }
}
