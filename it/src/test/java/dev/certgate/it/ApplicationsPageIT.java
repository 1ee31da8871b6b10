package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Applications page in a real Chromium: the editor, the coverage preview, ACME choices, refusals. */
class ApplicationsPageIT {

    private ChromeDriver browser;
    private final List<String> applications = new ArrayList<>();
    private final List<String> certificates = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
    }

    @AfterEach
    void quit() throws Exception {
        try {
            AdminPages.quitWithoutConsoleErrors(browser);
        } finally {
            for (String id : applications) {
                CertgateApi.delete("/applications/" + id);
            }
            for (String id : certificates) {
                CertgateApi.delete("/certificates/" + id);
            }
        }
    }

    private static String marker() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String selfSigned(String commonName) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName", commonName));
        assertEquals(201, answer.status(), answer.body().toString());
        String id = answer.body().get("id").asText();
        certificates.add(id);
        return id;
    }

    private static Map<String, Object> boundDomain(String name, String certificateId) {
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", name);
        domain.put("certificateId", certificateId);
        domain.put("redirectHttps", false);
        domain.put("hsts", false);
        return domain;
    }

    private JsonNode createApplication(String name, Map<String, Object> domain) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/applications", Map.of("name", name,
                "backends", List.of("http://127.0.0.1:9"), "domains", List.of(domain)));
        assertEquals(201, answer.status(), answer.body().toString());
        applications.add(answer.body().get("id").asText());
        return answer.body();
    }

    private static JsonNode applicationNamed(String name) throws Exception {
        for (JsonNode application : CertgateApi.get("/applications").body()) {
            if (application.get("name").asText().equals(name)) {
                return application;
            }
        }
        return null;
    }

    private void openPage(ItSettings.User user) {
        AdminPages.open(browser, user, "menuApplications", By.id("listForm:newApplication"));
    }

    private void newApplication(String name, String backends) {
        browser.findElement(By.id("listForm:newApplication")).click();
        WebElement nameInput = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.id("editForm:name")));
        AdminPages.waitFor(browser).until(d -> "editForm:name".equals(d.switchTo().activeElement()
                .getAttribute("id"))); // the editor takes the focus
        nameInput.sendKeys(name);
        browser.findElement(By.id("editForm:backends")).sendKeys(backends);
    }

    private String row(int index) {
        return "editForm:domains:" + index + ":";
    }

    /** Types a host name into domain {@code index} and leaves the field (the preview follows). */
    private void host(int index, String name) {
        WebElement host = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.id(row(index) + "host")));
        host.clear();
        host.sendKeys(name, Keys.TAB);
    }

    private void storedCertificate(int index) {
        browser.findElement(By.cssSelector("label[for='" + row(index) + "mode:1']")).click();
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.id(row(index) + "certificate")));
    }

    private List<String> preview(int index, int expected) {
        By items = By.cssSelector("[id='" + row(index) + "binding'] li.cg-choice");
        AdminPages.waitFor(browser).until(d -> d.findElements(items).size() == expected);
        return browser.findElements(items).stream().map(WebElement::getText).toList();
    }

    /**
     * Picks, with the keyboard, the certificate of domain {@code index} whose label starts so: the menu takes the
     * focus and the arrow keys move the choice (a pointer in the opened panel misses now and then, as it moves).
     */
    private void chooseCertificate(int index, String labelStart) {
        By label = By.id(row(index) + "certificate_label");
        browser.executeScript("document.getElementById(arguments[0]).focus();", row(index) + "certificate_label");
        for (int moves = 0; moves < 5; moves++) {
            String shown = browser.findElement(label).getText();
            if (shown.startsWith(labelStart)) {
                return;
            }
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
            AdminPages.waitFor(browser).until(d -> !d.findElement(label).getText().equals(shown));
        }
        throw new AssertionError("no certificate in the menu starts with " + labelStart);
    }

    private void save() {
        browser.findElement(By.id("editForm:save")).click();
    }

    @Test
    void anOperatorBindsStoredCertificatesChosenFromTheCoveragePreviewWildcardsIncluded() throws Exception {
        String m = marker();
        String zone = m + ".cov.test";
        String wildcard = selfSigned("*." + zone);
        String exact = selfSigned("www." + zone);
        selfSigned("www.other-" + zone); // covers neither

        openPage(ItSettings.OPERATOR);
        newApplication("cov-" + m, "http://127.0.0.1:9\nhttp://127.0.0.1:10");
        host(0, "www." + zone);
        storedCertificate(0);
        List<String> both = preview(0, 2);
        assertTrue(both.stream().anyMatch(t -> t.contains("matches as www." + zone)), both.toString());
        assertTrue(both.stream().anyMatch(t -> t.contains("matches as *." + zone)), both.toString());
        chooseCertificate(0, "*." + zone + " — until");

        browser.findElement(By.id("editForm:addDomain")).click();
        host(1, "api." + zone);
        storedCertificate(1);
        List<String> one = preview(1, 1);
        assertTrue(one.get(0).contains("matches as *." + zone), one.toString());
        // HSTS on for the second domain, redirect off
        browser.findElement(By.cssSelector("[id='" + row(1) + "hsts'] .ui-toggleswitch-slider")).click();
        browser.findElement(By.cssSelector("[id='" + row(1) + "redirect'] .ui-toggleswitch-slider")).click();
        save();
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("Saved the application cov-" + m + " with the domains www." + zone + ", api."
                + zone + "."), message);

        JsonNode saved = applicationNamed("cov-" + m);
        assertNotNull(saved, "stored");
        applications.add(saved.get("id").asText());
        assertEquals(2, saved.get("backends").size());
        JsonNode www = saved.get("domains").get(0);
        assertEquals(wildcard, www.get("certificateId").asText(), "the wildcard chosen in the preview");
        assertTrue(www.get("redirectHttps").asBoolean());
        JsonNode api = saved.get("domains").get(1);
        assertEquals(wildcard, api.get("certificateId").asText(), "the only one that covers it, preselected");
        assertTrue(api.get("hsts").asBoolean());
        assertFalse(api.get("redirectHttps").asBoolean());
        assertFalse(wildcard.equals(exact));
        WebElement listed = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//tbody[@id='listForm:applications_data']/tr[.//span[@class='cg-app-name' and text()='cov-" + m
                        + "']]")));
        assertTrue(listed.getText().contains("www." + zone), listed.getText());
    }

    @Test
    void aWildcardDomainCanOnlyUseDns01AndThePageSaysWhy() throws Exception {
        String m = marker();
        openPage(ItSettings.ADMIN);
        newApplication("wild-" + m, "http://127.0.0.1:9");
        host(0, "*." + m + ".wild.test");
        WebElement note = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='" + row(0) + "binding'] .cg-wildcard-note")));
        assertTrue(note.getText().contains("only DNS-01 can prove it"), note.getText());
        WebElement select = browser.findElement(By.id(row(0) + "challenge_input"));
        assertEquals("DNS_01", select.findElement(By.cssSelector("option[selected]")).getAttribute("value"));
        assertNotNull(select.findElement(By.cssSelector("option[value='HTTP_01']")).getAttribute("disabled"),
                "HTTP-01 cannot be chosen for a wildcard");
        assertNotNull(select.findElement(By.cssSelector("option[value='TLS_ALPN_01']")).getAttribute("disabled"));
        save();
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("Saved the application wild-" + m), message);
        JsonNode saved = applicationNamed("wild-" + m);
        assertNotNull(saved);
        applications.add(saved.get("id").asText());
        assertEquals("DNS_01", saved.get("domains").get(0).get("acme").get("challenge").asText());
        assertEquals("EC_P256", saved.get("domains").get(0).get("acme").get("keyType").asText());
    }

    @Test
    void badInputIsRefusedWithAClearMessageAndNothingIsSaved() throws Exception {
        String m = marker();
        openPage(ItSettings.OPERATOR);
        newApplication("bad-" + m, "ftp://127.0.0.1:9");
        save(); // the domain row is still empty: not a domain
        String backend = AdminPages.growlContaining(browser, "The backend ftp://127.0.0.1:9 is not a backend URL.",
                Duration.ofSeconds(20));
        assertTrue(backend.contains("http://10.0.0.5:9000"), "says how to write one: " + backend);
        WebElement backends = browser.findElement(By.id("editForm:backends"));
        backends.clear();
        backends.sendKeys("http://127.0.0.1:9");

        host(0, "bad host!");
        WebElement previewError = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='" + row(0) + "binding'] .cg-coverage-error")));
        assertTrue(previewError.getText().contains("bad host! is not a host name"), previewError.getText());
        // the page reads the name as REST and the CLI do (HostName), before anything is sent: the same message
        save();
        AdminPages.growlContaining(browser, "The domain bad host! is not a host name.", Duration.ofSeconds(20));

        // a stored certificate chosen for a name no certificate covers
        host(0, "nothing-" + m + ".bad.test");
        storedCertificate(0);
        WebElement none = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[id='" + row(0) + "binding'] .cg-no-coverage")));
        assertTrue(none.getText().contains("No stored certificate covers nothing-" + m + ".bad.test"), none.getText());
        save();
        AdminPages.growlContaining(browser, "Choose a stored certificate for nothing-" + m + ".bad.test",
                Duration.ofSeconds(20));
        assertTrue(browser.findElement(By.id("editForm:name")).isDisplayed(), "the editor stays open");
        assertNull(applicationNamed("bad-" + m), "nothing saved");
        AdminPages.assertNoStackTrace(browser);
    }

    @Test
    void aDomainOfAnotherApplicationAndAConcurrentEditAreRefused() throws Exception {
        String m = marker();
        String first = "one." + m + ".apps.test";
        String second = "two." + m + ".apps.test";
        String firstCertificate = selfSigned(first);
        createApplication("first-" + m, boundDomain(first, firstCertificate));
        JsonNode other = createApplication("second-" + m, boundDomain(second, selfSigned(second)));

        openPage(ItSettings.OPERATOR);
        By editSecond = By.xpath("//tbody[@id='listForm:applications_data']/tr[.//span[@class='cg-app-name' and "
                + "text()='second-" + m + "']]//button[contains(@id, ':edit')]");
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(editSecond)).click();
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id(row(0) + "host")));
        browser.findElement(By.id("editForm:addDomain")).click();
        host(1, first);
        storedCertificate(1);
        preview(1, 1);
        save();
        AdminPages.growlContaining(browser, "The domain " + first + " is already used by the application first-" + m,
                Duration.ofSeconds(20));
        assertEquals(1, CertgateApi.get("/applications/" + other.get("id").asText()).body().get("domains").size(),
                "nothing half-saved");

        // someone else changes the application while it is open here
        browser.findElement(By.cssSelector("[id='" + row(1) + "removeDomain']")).click();
        AdminPages.waitFor(browser).until(d -> d.findElements(By.id(row(1) + "host")).isEmpty());
        CertgateApi.Answer elsewhere = CertgateApi.put("/applications/" + other.get("id").asText(), Map.of(
                "name", "second-" + m, "backends", List.of("http://127.0.0.1:11"),
                "domains", List.of(boundDomain(second, other.get("domains").get(0).get("certificateId").asText())),
                "version", other.get("version").asLong()));
        assertEquals(200, elsewhere.status(), elsewhere.body().toString());
        WebElement backends = browser.findElement(By.id("editForm:backends"));
        backends.clear();
        backends.sendKeys("http://127.0.0.1:12");
        save();
        AdminPages.growlContaining(browser, "was changed by someone else since you opened it", Duration.ofSeconds(20));
        assertEquals("http://127.0.0.1:11", CertgateApi.get("/applications/" + other.get("id").asText()).body()
                .get("backends").get(0).asText(), "the other change is kept");
        AdminPages.assertNoStackTrace(browser);
    }

    @Test
    void anAuditorTryingToEditIsRefusedWithAClearMessageAndNothingIsSaved() throws Exception {
        String m = marker();
        String name = "kept." + m + ".apps.test";
        JsonNode kept = createApplication("kept-" + m, boundDomain(name, selfSigned(name)));

        openPage(ItSettings.AUDITOR);
        assertTrue(browser.findElement(By.id("readOnlyNote")).getText().contains("auditor"));
        newApplication("auditor-" + m, "http://127.0.0.1:9");
        host(0, "auditor-" + m + ".apps.test");
        save();
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("Your role does not allow this: only admins and operators change applications. "
                + "Nothing was changed."), message);
        assertNull(applicationNamed("auditor-" + m));

        browser.navigate().refresh();
        By delete = By.xpath("//tbody[@id='listForm:applications_data']/tr[.//span[@class='cg-app-name' and "
                + "text()='kept-" + m + "']]//button[contains(@id, ':delete')]");
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(delete)).click();
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("listForm:confirmYes")))
                .click();
        AdminPages.growlContaining(browser, "Your role does not allow this", Duration.ofSeconds(20));
        assertEquals(200, CertgateApi.get("/applications/" + kept.get("id").asText()).status(), "still there");
        AdminPages.assertNoStackTrace(browser);
    }

    @Test
    void deleteAsksFirstThenRemovesTheApplication() throws Exception {
        String m = marker();
        String name = "gone." + m + ".apps.test";
        JsonNode application = createApplication("gone-" + m, boundDomain(name, selfSigned(name)));
        openPage(ItSettings.OPERATOR);
        By delete = By.xpath("//tbody[@id='listForm:applications_data']/tr[.//span[@class='cg-app-name' and "
                + "text()='gone-" + m + "']]//button[contains(@id, ':delete')]");
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(delete)).click();
        WebElement keep = AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(
                By.id("listForm:confirmNo")));
        assertTrue(browser.findElement(By.id("listForm:confirm")).getText().contains("Delete gone-" + m + "?"));
        keep.click();
        assertEquals(200, CertgateApi.get("/applications/" + application.get("id").asText()).status(), "kept");

        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(delete)).click();
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("listForm:confirmYes")))
                .click();
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("Deleted the application gone-" + m + " and its domains " + name + "."), message);
        assertEquals(404, CertgateApi.get("/applications/" + application.get("id").asText()).status());
        AdminPages.waitFor(browser).until(ExpectedConditions.invisibilityOfElementLocated(delete));
    }
}
