package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard in a real Chromium: counts from the database, local times with UTC on hover, keyboard, narrow. */
class DashboardPageIT {

    private ChromeDriver browser;
    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
    }

    @AfterEach
    void quit() throws Exception {
        try {
            AdminPages.quitWithoutConsoleErrors(browser);
        } finally {
            for (String id : created) {
                CertgateApi.delete("/certificates/" + id);
            }
        }
    }

    private String selfSigned(String name, int days) throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName", name,
                "validityDays", days));
        assertEquals(201, answer.status(), answer.body().toString());
        String id = answer.body().get("id").asText();
        created.add(id);
        return id;
    }

    private static long count(String where, Instant... bounds) throws Exception {
        try (Connection c = Database.connect();
             PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM certificate WHERE " + where)) {
            for (int i = 0; i < bounds.length; i++) {
                st.setTimestamp(i + 1, Timestamp.valueOf(LocalDateTime.ofInstant(bounds[i], ZoneOffset.UTC)));
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void theCountsAreTheDatabasesAndTimesAreInTheBrowsersZoneWithUtcOnHover() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        selfSigned("soon-" + marker + ".dashboard.test", 10);
        selfSigned("later-" + marker + ".dashboard.test", 200);
        String expired = selfSigned("gone-" + marker + ".dashboard.test", 5);
        // an expired certificate cannot be stored through the API: age one in the database
        try (Connection c = Database.connect();
             PreparedStatement st = c.prepareStatement("UPDATE certificate SET not_after = ? WHERE id = ?")) {
            st.setTimestamp(1, Timestamp.valueOf(LocalDateTime.now(ZoneOffset.UTC).minusDays(2)));
            st.setString(2, expired);
            assertEquals(1, st.executeUpdate());
        }
        Instant now = Instant.now();
        Instant horizon = now.plus(30, ChronoUnit.DAYS);
        long expectedExpired = count("not_after < ?", now);
        long expectedSoon = count("not_after >= ? AND not_after < ?", now, horizon);
        long expectedValid = count("not_after >= ?", horizon);
        assertTrue(expectedExpired >= 1 && expectedSoon >= 1 && expectedValid >= 1);

        AdminPages.timeZone(browser, "Asia/Tokyo");
        AdminPages.open(browser, ItSettings.AUDITOR, "menuDashboard", By.id("dashboardForm:validCount"));
        assertEquals(String.valueOf(expectedValid), browser.findElement(By.id("dashboardForm:validCount")).getText());
        // one type face: the page title and the figures in the face of PrimeFaces' own components
        String face = browser.findElement(By.id("dashboardForm:refresh")).getCssValue("font-family");
        assertEquals(face, browser.findElement(By.cssSelector("#dashboardForm h2")).getCssValue("font-family"));
        assertEquals(face, browser.findElement(By.id("dashboardForm:validCount")).getCssValue("font-family"));
        assertTrue(!face.toLowerCase(java.util.Locale.ROOT).startsWith("times")
                && !face.toLowerCase(java.util.Locale.ROOT).startsWith("serif"), face);
        // the alerts of the last 7 days, as GET /alerts?days=7 lists them
        String recentAlerts = browser.findElement(By.id("recentAlerts")).getText();
        com.fasterxml.jackson.databind.JsonNode raised = CertgateApi.get("/alerts?days=7").body();
        if (raised.isEmpty()) {
            assertTrue(recentAlerts.contains("No alert was raised in the last 7 days."), recentAlerts);
        } else {
            assertTrue(recentAlerts.contains(raised.get(0).path("subject").asText()), recentAlerts);
        }
        assertEquals(String.valueOf(expectedSoon),
                browser.findElement(By.id("dashboardForm:expiringCount")).getText());
        assertEquals(String.valueOf(expectedExpired),
                browser.findElement(By.id("dashboardForm:expiredCount")).getText());
        long failing = Database.count("SELECT COUNT(*) FROM acme_domain WHERE state = ?", "FAILING");
        assertEquals(String.valueOf(failing), browser.findElement(By.id("dashboardForm:failingCount")).getText());
        assertTrue(browser.findElement(By.id("totalLine")).getText()
                .startsWith((expectedExpired + expectedSoon + expectedValid) + " certificates"));
        assertTrue(browser.findElement(By.cssSelector("#dashboardForm\\:expiring")).isDisplayed());

        // the counting time: shown in Tokyo time, UTC on hover
        WebElement counted = AdminPages.waitFor(browser).until(d -> d.findElement(By.cssSelector(
                "time.cg-time[data-local]")));
        String utc = counted.getAttribute("title");
        assertTrue(utc.endsWith(" UTC"), utc);
        LocalDateTime shown = LocalDateTime.parse(utc.substring(0, 19),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        String tokyo = shown.plusHours(9).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        assertEquals(tokyo + " GMT+9", counted.getText());
        assertTrue(Instant.parse(counted.getAttribute("datetime")).isAfter(now.minusSeconds(60)));
        AdminPages.assertNoStackTrace(browser);
    }

    @Test
    void theKeyboardReachesTheContentAndANarrowWindowNeedsNoSidewaysScrolling() throws Exception {
        AdminPages.open(browser, ItSettings.OPERATOR, "menuDashboard", By.id("dashboardForm:validCount"));
        // the first Tab stop is the skip link; Enter moves to the content
        browser.get(browser.getCurrentUrl());
        AdminPages.waitFor(browser).until(d -> d.findElement(By.id("dashboardForm:validCount")));
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement skip = browser.switchTo().activeElement();
        assertEquals("Skip to the page's content", skip.getText());
        skip.sendKeys(Keys.ENTER);
        AdminPages.waitFor(browser).until(d -> "main".equals(d.switchTo().activeElement().getAttribute("id")));
        // Refresh is reachable and works from the keyboard
        WebElement refresh = browser.findElement(By.id("dashboardForm:refresh"));
        refresh.sendKeys(Keys.ENTER);
        AdminPages.waitFor(browser).until(d -> d.findElement(By.id("dashboardForm:validCount")).isDisplayed());

        AdminPages.viewport(browser, 1280, 800);
        AdminPages.assertNoSidewaysScroll(browser);
        AdminPages.viewport(browser, 420, 800);
        browser.navigate().refresh();
        AdminPages.waitFor(browser).until(d -> d.findElement(By.id("dashboardForm:validCount")).isDisplayed());
        AdminPages.assertNoSidewaysScroll(browser);
    }

    @Test
    void everyAdminPageFitsANarrowWindowWithoutSidewaysScrolling() throws Exception {
        AdminPages.viewport(browser, 420, 800);
        AdminPages.open(browser, ItSettings.ADMIN, "menuDashboard", By.id("dashboardForm:validCount"));
        for (String page : List.of("dashboard", "applications", "acme", "audit", "users")) {
            browser.get(ItSettings.HTTP + "/certgate/" + page + ".xhtml");
            AdminPages.waitFor(browser).until(d -> d.findElement(By.id("main")).isDisplayed());
            System.out.println("DashboardPageIT: narrow window, page " + page);
            AdminPages.assertNoSidewaysScroll(browser);
            assertTrue(browser.findElement(By.id("signedInUser")).isDisplayed(), page);
        }
    }
}
