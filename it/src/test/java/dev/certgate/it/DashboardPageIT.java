package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard in a real Chromium: counts from the database (not-yet-valid certificates apart), the 90-day expiry
 * chart and its table, local times with UTC on hover, keyboard, narrow.
 */
class DashboardPageIT {

    private ChromeDriver browser;
    private final List<String> created = new ArrayList<>();

    @TempDir
    Path dir;

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

    /** Uploads a PEM made by openssl whose validity starts tomorrow (certgate stores it, with a warning). */
    private String notYetValid(String name) throws Exception {
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS);
        Openssl.Pair pair = Openssl.validFrom(dir, name, start, start.plus(100, ChronoUnit.DAYS));
        CertgateApi.Answer answer = CertgateApi.post("/certificates", Map.of("certificate", pair.certificatePem(),
                "privateKey", pair.keyPem()));
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
        String notYet = "ahead-" + marker + ".dashboard.test";
        notYetValid(notYet);
        Instant now = Instant.now();
        Instant horizon = now.plus(30, ChronoUnit.DAYS);
        long expectedExpired = count("not_after < ?", now);
        long expectedSoon = count("not_after >= ? AND not_after < ? AND not_before <= ?", now, horizon, now);
        long expectedValid = count("not_after >= ? AND not_before <= ?", horizon, now);
        long expectedNotYet = count("not_before > ?", now);
        assertTrue(expectedExpired >= 1 && expectedSoon >= 1 && expectedValid >= 1 && expectedNotYet >= 1);

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
        // a certificate whose start is ahead is its own state, in none of the counts above
        assertEquals(String.valueOf(expectedNotYet),
                browser.findElement(By.id("dashboardForm:notYetValidCount")).getText());
        assertTrue(browser.findElement(By.id("dashboardForm:notYetValidCard")).getText().contains("not yet valid"));
        long failing = Database.count("SELECT COUNT(*) FROM acme_domain WHERE state = ?", "FAILING");
        assertEquals(String.valueOf(failing), browser.findElement(By.id("dashboardForm:failingCount")).getText());
        assertTrue(browser.findElement(By.id("totalLine")).getText()
                .startsWith((expectedExpired + expectedSoon + expectedValid + expectedNotYet) + " certificates"));
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

        // the certificate list: the state filter has it, and its row says it in words
        browser.get(ItSettings.HTTP + "/certgate/certificates.xhtml");
        AdminPages.waitFor(browser).until(d -> d.findElement(By.id("certForm:certificates")).isDisplayed());
        new Select(browser.findElement(By.id("certForm:certificates:stateFilter"))).selectByVisibleText("Not yet valid");
        // once the filter has answered, every row is not yet valid, ours among them, its state in words
        WebElement row = AdminPages.waitFor(browser).ignoring(StaleElementReferenceException.class).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#certForm\\:certificates_data tr[data-ri]"));
            boolean allNotYet = !rows.isEmpty() && rows.stream()
                    .allMatch(r -> !r.findElements(By.cssSelector(".cg-not_yet_valid")).isEmpty());
            return allNotYet ? rows.stream().filter(r -> r.getText().contains(notYet)).findFirst().orElse(null) : null;
        });
        assertTrue(row.findElement(By.cssSelector(".cg-not-after.cg-not_yet_valid .cg-state-text")).getText()
                .startsWith("not yet valid: starts "), row.getText());
    }

    @Test
    void theExpiryChartShowsTheNext90DaysByWeekAsTheStoreHasThem() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        selfSigned("week1-" + marker + ".chart.test", 3);
        selfSigned("week1b-" + marker + ".chart.test", 3);
        selfSigned("week6-" + marker + ".chart.test", 40);
        selfSigned("beyond-" + marker + ".chart.test", 120);

        AdminPages.open(browser, ItSettings.AUDITOR, "menuDashboard", By.id("dashboardForm:validCount"));
        WebElement canvas = AdminPages.waitFor(browser).until(d -> d.findElement(By.cssSelector(
                "#dashboardForm\\:expiryChart canvas")));
        assertTrue(canvas.isDisplayed(), "the chart is drawn");
        assertTrue(canvas.getSize().getWidth() > 100 && canvas.getSize().getHeight() > 100, canvas.getSize().toString());
        assertEquals("img", canvas.getAttribute("role"));
        assertTrue(canvas.getAttribute("aria-label").contains("table below"), canvas.getAttribute("aria-label"));

        // the text alternative: open the details, read the weeks
        browser.findElement(By.cssSelector("#expiryTimelineDetails summary")).click();
        List<WebElement> rows = AdminPages.waitFor(browser).until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector("#expiryTimelineTable tr.cg-timeline-week"));
            return !found.isEmpty() && found.get(0).isDisplayed() ? found : null;
        });
        assertEquals(13, rows.size(), "90 days from today are 13 weeks");
        Map<LocalDate, Long> shown = new LinkedHashMap<>();
        List<LocalDate> ends = new ArrayList<>();
        for (WebElement r : rows) {
            shown.put(LocalDate.parse(r.findElement(By.className("cg-week-from")).getText()),
                    Long.parseLong(r.findElement(By.className("cg-week-count")).getText()));
            ends.add(LocalDate.parse(r.findElement(By.className("cg-week-to")).getText()));
        }

        // the chart's own model holds the same figures
        List<?> bars = (List<?>) AdminPages.waitFor(browser).until(d -> browser.executeScript(
                "var w = PF('expiryChart'); return w && w.chart ? w.chart.data.datasets[0].data : null;"));
        assertEquals(List.copyOf(shown.values()), bars.stream().map(b -> ((Number) b).longValue()).toList());
        assertEquals(13, ((List<?>) browser.executeScript("return PF('expiryChart').chart.data.labels;")).size());

        // what the REST API lists: every certificate ending from the counting instant to 90 days after it, by week
        Instant at = Instant.parse(AdminPages.waitFor(browser).until(d -> d.findElement(By.cssSelector(
                "#dashboardForm time.cg-time[data-local]"))).getAttribute("datetime"));
        Map<LocalDate, Long> expected = new LinkedHashMap<>();
        shown.keySet().forEach(from -> expected.put(from, 0L));
        List<LocalDate> froms = List.copyOf(shown.keySet());
        assertEquals(LocalDate.ofInstant(at, ZoneOffset.UTC), froms.get(0), "the first week starts today (UTC)");
        for (int page = 0; ; page++) {
            JsonNode items = CertgateApi.get("/certificates?expiringWithinDays=91&size=500&page=" + page).body()
                    .get("items");
            for (JsonNode item : items) {
                Instant notAfter = Instant.parse(item.get("notAfter").asText());
                if (notAfter.isBefore(at) || !notAfter.isBefore(at.plus(Duration.ofDays(90)))) {
                    continue;
                }
                LocalDate day = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
                for (int w = 0; w < froms.size(); w++) {
                    if (!day.isBefore(froms.get(w)) && !day.isAfter(ends.get(w))) {
                        expected.merge(froms.get(w), 1L, Long::sum);
                    }
                }
            }
            if (items.size() < 500) {
                break;
            }
        }
        assertEquals(expected, shown);
        assertTrue(shown.get(froms.get(0)) >= 2 && shown.get(froms.get(5)) >= 1, shown.toString());

        // a narrow window: the chart shrinks with the page, nothing to scroll sideways
        AdminPages.viewport(browser, 420, 800);
        AdminPages.waitFor(browser).until(d -> d.findElement(By.cssSelector("#dashboardForm\\:expiryChart canvas"))
                .getSize().getWidth() <= 420);
        AdminPages.assertNoSidewaysScroll(browser);
        AdminPages.assertNoConsoleErrors(browser);
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
