package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Audit page in a real Chromium: filters, paging by the database, time range in the browser's zone. */
class AuditPageIT {

    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
    }

    @AfterEach
    void quit() {
        AdminPages.quitWithoutConsoleErrors(browser);
    }

    /** {@code count} lines by {@code actor}, one a minute back from {@code newest}, numbered 0 (newest) up. */
    private static void seed(String actor, int count, LocalDateTime newest) throws Exception {
        try (Connection c = Database.connect();
             PreparedStatement st = c.prepareStatement("INSERT INTO audit_event (occurred_at, actor, address, action,"
                     + " target, summary) VALUES (?, ?, '192.0.2.7', 'USER_UPDATE', ?, ?)")) {
            for (int i = 0; i < count; i++) {
                st.setTimestamp(1, Timestamp.valueOf(newest.minusMinutes(i)));
                st.setString(2, actor);
                st.setString(3, "line-" + i);
                st.setString(4, "Seeded line " + i + " of " + actor + ".");
                st.addBatch();
            }
            st.executeBatch();
        }
    }

    private void openPage(ItSettings.User user) {
        AdminPages.open(browser, user, "menuAudit", By.id("filterForm:search"));
    }

    /** The summaries of the table's rows (read again when an AJAX update replaced them meanwhile). */
    private List<String> summaries() {
        for (int attempt = 0; ; attempt++) {
            try {
                return browser.findElements(By.cssSelector("#auditForm\\:audit_data .cg-audit-summary")).stream()
                        .map(WebElement::getText).toList();
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt > 20) {
                    throw replaced;
                }
            }
        }
    }

    private String report() {
        try {
            return browser.findElement(By.cssSelector("#auditForm\\:audit .ui-paginator-current")).getText();
        } catch (org.openqa.selenium.StaleElementReferenceException | org.openqa.selenium.NoSuchElementException e) {
            return "";
        }
    }

    private void awaitReport(String report) {
        try {
            AdminPages.waitFor(browser).until(d -> report().equals(report));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the table says '" + report() + "', not '" + report + "'; rows " + summaries()
                    + "; messages: " + browser.findElements(By.cssSelector(".ui-growl-message")).stream()
                    .map(WebElement::getText).toList(), e);
        }
    }

    @Test
    void anAuditorFiltersByUserAndActionAndPagesThroughTheDatabase() throws Exception {
        String actor = "seed-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDateTime newest = LocalDateTime.now(ZoneOffset.UTC).minusHours(1).withNano(0);
        seed(actor, 60, newest);
        String marker = UUID.randomUUID().toString().substring(0, 8);
        CertgateApi.Answer certificate = CertgateApi.post("/certificates/self-signed", Map.of("commonName",
                "audit-" + marker + ".test"));
        assertEquals(201, certificate.status());
        try {
            openPage(ItSettings.AUDITOR);
            browser.findElement(By.id("filterForm:user")).sendKeys(actor);
            browser.findElement(By.id("filterForm:search")).click();
            awaitReport("1–25 of 60");
            List<String> first = summaries();
            assertEquals(25, first.size());
            assertEquals("Seeded line 0 of " + actor + ".", first.get(0), "newest first");
            browser.findElement(By.cssSelector("#auditForm\\:audit .ui-paginator-next")).click();
            awaitReport("26–50 of 60");
            assertEquals("Seeded line 25 of " + actor + ".", summaries().get(0));
            browser.findElement(By.cssSelector("#auditForm\\:audit .ui-paginator-last")).click();
            awaitReport("51–60 of 60");
            assertEquals(10, summaries().size());

            // a new filter starts on its first page: the operator's self-signed certificate, by user and action
            WebElement user = browser.findElement(By.id("filterForm:user"));
            user.clear();
            user.sendKeys(ItSettings.OPERATOR.name());
            WebElement action = browser.findElement(By.cssSelector("[id='filterForm:action'] input[type='text']"));
            action.clear();
            action.sendKeys("CERTIFICATE_SELF_SIGN");
            browser.findElement(By.id("filterForm:search")).click();
            AdminPages.waitFor(browser).until(d -> summaries().stream().anyMatch(s -> s.contains("audit-" + marker)));
            assertTrue(browser.findElement(By.cssSelector("#auditForm\\:audit .ui-paginator-current")).getText()
                    .startsWith("1–"));
            assertTrue(browser.findElements(By.cssSelector("#auditForm\\:audit_data .cg-audit-action")).stream()
                    .allMatch(a -> a.getText().equals("CERTIFICATE_SELF_SIGN")));
        } finally {
            CertgateApi.delete("/certificates/" + certificate.body().get("id").asText());
        }
    }

    @Test
    void theTimeRangeIsReadInTheBrowsersZone() throws Exception {
        String actor = "zone-" + UUID.randomUUID().toString().substring(0, 8);
        LocalDateTime newest = LocalDateTime.of(2026, 3, 10, 12, 0); // UTC
        seed(actor, 10, newest); // 12:00, 11:59, ... 11:51 UTC
        AdminPages.timeZone(browser, "America/New_York"); // UTC-4 on 10 March 2026 (summer time since 8 March)
        openPage(ItSettings.ADMIN);
        assertEquals("America/New_York", browser.findElement(By.cssSelector(".cg-zone-name")).getText());
        browser.findElement(By.id("filterForm:user")).sendKeys(actor);
        // 07:55 to 07:58 New York time = 11:55 to 11:58 UTC: lines 11:55, 11:56, 11:57
        type("filterForm:from", "2026-03-10 07:55");
        type("filterForm:to", "2026-03-10 07:58");
        browser.findElement(By.id("filterForm:search")).click();
        awaitReport("1–3 of 3");
        assertEquals(List.of("Seeded line 3 of " + actor + ".", "Seeded line 4 of " + actor + ".",
                "Seeded line 5 of " + actor + "."), summaries());
        WebElement time = browser.findElement(By.cssSelector("#auditForm\\:audit_data time.cg-time"));
        AdminPages.waitFor(browser).until(d -> time.getAttribute("data-local") != null);
        assertEquals("2026-03-10 07:57 GMT-4", time.getText());
        assertEquals("2026-03-10 11:57:00 UTC", time.getAttribute("title"));

        // an empty range, and a time that is not one, are refused with a message; the table keeps its filter
        type("filterForm:from", "2026-03-10 08:00");
        browser.findElement(By.id("filterForm:search")).click();
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("The time range is empty: 'From' must be before 'To'."), message);
        type("filterForm:from", "yesterday");
        browser.findElement(By.id("filterForm:search")).click();
        AdminPages.growlContaining(browser, "'From' is not a time: write it as 2026-03-10 14:30",
                java.time.Duration.ofSeconds(20));
        awaitReport("1–3 of 3");
        AdminPages.assertNoStackTrace(browser);
    }

    private void type(String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text, Keys.TAB);
    }

    @Test
    void anOperatorOpeningTheAuditPageIsRefusedByTheService() {
        Browser.signIn(browser, ItSettings.OPERATOR);
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
        browser.get(ItSettings.HTTP + "/certgate/audit.xhtml");
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("Your role does not allow this: only admins and auditors read the audit log."),
                message);
        assertEquals(List.of(), summaries());
        AdminPages.assertNoStackTrace(browser);
    }
}
