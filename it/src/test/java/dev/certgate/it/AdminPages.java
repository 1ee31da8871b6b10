package dev.certgate.it;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** What the admin page tests share: opening a page from the menu, the growl, the console, screenshots. */
final class AdminPages {

    /** Where the README's screenshots are kept (the it module runs in it/). */
    static final Path SCREENSHOTS = Path.of(System.getProperty("certgate.it.screenshots", "../docs/screenshots"));

    private AdminPages() {
    }

    static WebDriverWait waitFor(ChromeDriver browser) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // an AJAX update replaced it
        return wait;
    }

    /** Signs in as {@code user} and opens a page from the menu ({@code menuDashboard}, ...). */
    static void open(ChromeDriver browser, ItSettings.User user, String menuItem, By ready) {
        Browser.signIn(browser, user);
        waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("menuForm:" + menuItem))).click();
        waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(ready));
    }

    /** The text of the newest growl message, once one shows. */
    static String growl(ChromeDriver browser) {
        List<WebElement> messages = waitFor(browser).until(ExpectedConditions.visibilityOfAllElementsLocatedBy(
                By.cssSelector(".ui-growl-message")));
        return messages.get(messages.size() - 1).getText();
    }

    /** Waits for a growl message containing {@code text}; returns every growl text shown. */
    static String growlContaining(ChromeDriver browser, String text, Duration within) {
        StringBuilder seen = new StringBuilder();
        new WebDriverWait(browser, within).until(driver -> {
            seen.setLength(0);
            for (WebElement message : driver.findElements(By.cssSelector(".ui-growl-message"))) {
                try {
                    seen.append(message.getText()).append('\n');
                } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                    // closed meanwhile
                }
            }
            return seen.toString().contains(text);
        });
        return seen.toString();
    }

    /** Nothing of a Java failure is on the page. */
    static void assertNoStackTrace(ChromeDriver browser) {
        String source = browser.getPageSource();
        for (String sign : List.of("Exception", "\tat ", "jakarta.ejb", "java.lang.")) {
            assertFalse(source.contains(sign), "the page shows '" + sign + "'");
        }
    }

    /** The browser logged no error (console errors, failed requests, uncaught exceptions) since the last call. */
    static void assertNoConsoleErrors(ChromeDriver browser) {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
        assertEquals(List.of(), errors, "errors in the browser console");
    }

    /** After a page test: the browser logged no error, and it is closed whatever the check found (null: nothing). */
    static void quitWithoutConsoleErrors(ChromeDriver browser) {
        if (browser == null) {
            return;
        }
        try {
            assertNoConsoleErrors(browser);
        } finally {
            browser.quit();
        }
    }

    /** Shows times as a browser in {@code zone} would (Chromium's DevTools protocol). */
    static void timeZone(ChromeDriver browser, String zone) {
        browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", zone));
    }

    /** Saves a PNG of the window at 1280×800 as docs/screenshots/{@code name}.png. */
    static void screenshot(ChromeDriver browser, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** Sets the window's inner size (the viewport) to {@code width}×{@code height}. */
    static void viewport(ChromeDriver browser, int width, int height) {
        browser.manage().window().setSize(new Dimension(width, height));
        Object inner = ((JavascriptExecutor) browser).executeScript(
                "return [window.innerWidth, window.innerHeight];");
        List<?> size = (List<?>) inner;
        int dw = width - ((Number) size.get(0)).intValue();
        int dh = height - ((Number) size.get(1)).intValue();
        if (dw != 0 || dh != 0) {
            browser.manage().window().setSize(new Dimension(width + dw, height + dh));
        }
    }

    /** The page is no wider than the window: nothing to scroll sideways. */
    static void assertNoSidewaysScroll(ChromeDriver browser) {
        Object widths = ((JavascriptExecutor) browser).executeScript(
                "return [document.documentElement.scrollWidth, window.innerWidth];");
        List<?> w = (List<?>) widths;
        long scroll = ((Number) w.get(0)).longValue();
        long inner = ((Number) w.get(1)).longValue();
        if (scroll > inner + 1) {
            // name the innermost elements that reach past the window, so a failure says what widened the page
            Object culprits = ((JavascriptExecutor) browser).executeScript(
                    "var w = window.innerWidth, out = [];"
                    + "document.querySelectorAll('body *').forEach(function (e) {"
                    + "  var r = e.getBoundingClientRect();"
                    + "  if (r.right > w + 1 && r.width > 0) {"
                    + "    var inner = Array.prototype.some.call(e.children, function (c) {"
                    + "      return c.getBoundingClientRect().right > w + 1; });"
                    + "    if (!inner) out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
                    + "      + (e.className && e.className.baseVal === undefined ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')"
                    + "      + ' right=' + Math.round(r.right) + ' \"' + (e.textContent || '').trim().substring(0, 80) + '\"');"
                    + "  } });"
                    + "return out.slice(0, 8).join('\\n');");
            fail("the page " + browser.getCurrentUrl() + " is " + scroll + " px wide in a " + inner
                    + " px window; reaching past it:\n" + culprits);
        }
    }
}
