package dev.certgate.it;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may do what: enforced on the service methods, seen through the REST API and the sign-in page. */
class RolesIT {

    private static final ItSettings.User NOBODY = null;

    private static Map<String, Object> selfSigned() {
        return Map.of("commonName", "roles-" + UUID.randomUUID().toString().substring(0, 8) + ".test");
    }

    private static CertgateApi.Answer postSelfSigned(ItSettings.User user) throws Exception {
        return CertgateApi.send(CertgateApi.request("/certificates/self-signed")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(CertgateApi.json(selfSigned()))), user);
    }

    @Test
    void withoutCredentialsNothingIsAnswered() throws Exception {
        assertEquals(401, CertgateApi.send(CertgateApi.request("/certificates").GET(), NOBODY).status());
        assertEquals(401, postSelfSigned(NOBODY).status());
        ItSettings.User wrong = new ItSettings.User(ItSettings.OPERATOR.name(), "wrong-password");
        assertEquals(401, CertgateApi.send(CertgateApi.request("/certificates").GET(), wrong).status());
    }

    @Test
    void anAuditorReadsButCannotWrite() throws Exception {
        assertEquals(200, CertgateApi.send(CertgateApi.request("/certificates").GET(), ItSettings.AUDITOR).status());
        CertgateApi.Answer refused = postSelfSigned(ItSettings.AUDITOR);
        assertEquals(403, refused.status(), refused.body().toString());
        assertTrue(refused.body().get("detail").asText().startsWith("Your role does not allow this."));
    }

    @Test
    void operatorsAndAdminsWriteAndTheAuditLogNamesThem() throws Exception {
        for (ItSettings.User user : new ItSettings.User[]{ItSettings.OPERATOR, ItSettings.ADMIN}) {
            CertgateApi.Answer created = postSelfSigned(user);
            assertEquals(201, created.status(), created.body().toString());
            assertEquals(user.name(), created.body().get("createdBy").asText());
            assertEquals(1, Database.count("SELECT COUNT(*) FROM audit_event WHERE target = '"
                    + created.body().get("id").asText() + "' AND address = '127.0.0.1' AND actor = ?", user.name()));
        }
    }

    @Test
    void thePagesAskToSignIn() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
            browser.get(ItSettings.HTTP + "/certgate/");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
            browser.findElement(By.id("username")).sendKeys(ItSettings.OPERATOR.name());
            browser.findElement(By.id("password")).sendKeys("wrong-password");
            browser.findElement(By.id("signIn")).click();
            assertTrue(wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText()
                    .contains("The user name or password is wrong."));

            Browser.signIn(browser, ItSettings.AUDITOR);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboardForm:validCount")));
        } finally {
            browser.quit();
        }
    }
}
