package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Saves a PNG of every admin page at 1280×800 under docs/screenshots/ (shown in the README's tour), with a few
 * certificates, an application and an ACME domain in place so the pages show something.
 */
class ScreenshotsIT {

    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        AdminPages.viewport(browser, 1280, 800);
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static String selfSigned(String name, int days) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName", name,
                "subjectAltNames", List.of("www." + name), "validityDays", days));
        assertEquals(201, answer.status(), answer.body().toString());
        return answer.body().get("id").asText();
    }

    private static Map<String, Object> domain(String name, String certificateId, Map<String, String> acme,
                                              boolean hsts) {
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", name);
        if (certificateId != null) {
            domain.put("certificateId", certificateId);
        }
        if (acme != null) {
            domain.put("acme", acme);
        }
        domain.put("redirectHttps", true);
        domain.put("hsts", hsts);
        return domain;
    }

    private void shoot(String name) throws Exception {
        AdminPages.waitFor(browser).until(d -> ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("return document.readyState").equals("complete"));
        Thread.sleep(400); // transitions (growl, menus) settle
        AdminPages.screenshot(browser, name);
        assertTrue(Files.size(AdminPages.SCREENSHOTS.resolve(name + ".png")) > 10_000, name);
    }

    @Test
    void everyPageAt1280x800() throws Exception {
        CertgateApi.Answer account = CertgateApi.send(CertgateApi.request("/acme/account")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(CertgateApi.json(Map.of(
                        "directoryUrl", ItSettings.ACME_DIRECTORY, "email", "certgate-it@certgate.test",
                        "termsAgreed", true)))), ItSettings.ADMIN);
        assertEquals(200, account.status(), account.body().toString());
        String m = UUID.randomUUID().toString().substring(0, 4);
        String shop = "shop-" + m + ".example.test";
        String shopCertificate = selfSigned(shop, 365);
        selfSigned("intranet-" + m + ".example.test", 20);
        CertgateApi.ensureLocalCa();
        CertgateApi.Answer wildcard = CertgateApi.post("/certificates/local-ca", Map.of("commonName",
                "*." + shop, "validityDays", 90));
        assertEquals(201, wildcard.status(), wildcard.body().toString());
        String acmeDomain = AcmeIT.unique("blog-" + m);
        CertgateApi.Answer application = CertgateApi.post("/applications", Map.of("name", "Shop " + m,
                "backends", List.of("http://10.0.0.5:8080", "http://10.0.0.6:8080"),
                "domains", List.of(domain("www." + shop, shopCertificate, null, true),
                        domain(acmeDomain, null, Map.of("challenge", "HTTP_01", "keyType", "EC_P256"), false))));
        assertEquals(201, application.status(), application.body().toString());
        AcmeIT.awaitValid(acmeDomain);

        browser.get(ItSettings.HTTP + "/certgate/");
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        shoot("sign-in");
        Browser.signIn(browser, ItSettings.ADMIN);
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
        browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER); // the sign-in page is not ours

        page("menuDashboard", By.id("dashboardForm:validCount"));
        shoot("dashboard");
        page("menuCertificates", By.id("menuForm:menuCertificates"));
        shoot("certificates");
        page("menuApplications", By.id("listForm:newApplication"));
        By edit = By.xpath("//tbody[@id='listForm:applications_data']/tr[.//span[@class='cg-app-name' and "
                + "text()='Shop " + m + "']]//button[contains(@id, ':edit')]");
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(edit)).click();
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("editForm:domains:0:host")));
        browser.executeScript("document.getElementById('editForm').scrollIntoView({block: 'start'});");
        shoot("applications-editor");
        page("menuAcme", By.id("domainsForm:domains"));
        shoot("acme");
        page("menuAudit", By.id("auditForm:audit"));
        shoot("audit");
        page("menuUsers", By.id("addForm:add"));
        shoot("users");
        AdminPages.assertNoConsoleErrors(browser);
    }

    private void page(String menuItem, By ready) {
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("menuForm:" + menuItem)))
                .click();
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(ready));
    }
}
