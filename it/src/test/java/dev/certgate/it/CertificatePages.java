package dev.certgate.it;

import org.openqa.selenium.By;
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

/**
 * Drives certificates.xhtml and certificate.xhtml in one Chromium, as a user would: sign in, filter the table, fill
 * the forms, read the messages; downloads land in a directory of the test's own.
 */
final class CertificatePages implements AutoCloseable {

    final ChromeDriver browser;
    final WebDriverWait wait;
    final Path downloads;

    private CertificatePages(ChromeDriver browser, Path downloads) {
        this.browser = browser;
        this.downloads = downloads;
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** A new browser signed in as {@code user}, on the certificates page, downloading into {@code downloads}. */
    static CertificatePages open(ItSettings.User user, Path downloads) throws IOException {
        ChromeDriver browser = Browser.start();
        try {
            Files.createDirectories(downloads);
            browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                    "downloadPath", downloads.toAbsolutePath().toString(), "eventsEnabled", true));
            CertificatePages pages = new CertificatePages(browser, downloads);
            Browser.signIn(browser, user);
            pages.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
            pages.list();
            return pages;
        } catch (RuntimeException | IOException e) {
            browser.quit();
            throw e;
        }
    }

    /** Opens the certificate list. */
    void list() {
        browser.get(ItSettings.HTTP + "/certgate/certificates.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("certForm:certificates")));
    }

    /** The text of the page's messages once one of {@code severity} (info, warn, error) shows. */
    String message(String severity) {
        return wait.until(driver -> {
            String text = messages(severity);
            return text.isEmpty() ? null : text;
        });
    }

    /** Waits until a message of {@code severity} contains {@code expected}; returns the messages' text. */
    String message(String severity, String expected) {
        try {
            return wait.until(driver -> {
                String text = messages(severity);
                return text.contains(expected) ? text : null;
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no " + severity + " message '" + expected + "'; the page shows: "
                    + messages("info") + messages("warn") + messages("error"), e);
        }
    }

    /** The text of the page's messages of one severity, read at once (the list may be replaced meanwhile). */
    String messages(String severity) {
        return String.valueOf(browser.executeScript("return Array.from(document.querySelectorAll("
                + "'#messages .ui-messages-' + arguments[0])).map(e => e.innerText).join('\\n');", severity));
    }

    /** Types into the name filter and waits until every row shown has the text in its name or its SANs. */
    void filterByName(String text) {
        WebElement filter = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#certForm\\:certificates\\:name .ui-column-filter")));
        filter.clear();
        filter.sendKeys(text);
        wait.until(driver -> Boolean.TRUE.equals(browser.executeScript("""
                if (window.jQuery && jQuery.active > 0) return false;
                var text = arguments[0].toLowerCase();
                var rows = Array.from(document.querySelectorAll('#certForm\\\\:certificates_data tr[data-ri]'));
                return rows.every(function (row) {
                    var name = row.querySelector('.cg-common-name'), sans = row.querySelector('.cg-sans');
                    return name && (name.textContent.toLowerCase().includes(text)
                        || (sans && sans.textContent.toLowerCase().includes(text)));
                });""", text)));
    }

    /** Whether a request of the page is under way. */
    boolean isBusy() {
        return Boolean.TRUE.equals(browser.executeScript("return !!window.jQuery && jQuery.active > 0;"));
    }

    /** The common names in the table, in its order (an empty table: none). */
    @SuppressWarnings("unchecked")
    List<String> commonNames() {
        return (List<String>) browser.executeScript("return Array.from(document.querySelectorAll("
                + "'#certForm\\\\:certificates_data .cg-common-name')).map(e => e.textContent);");
    }

    /** Opens the detail page of the row named {@code commonName} (shown in the table after a filter). */
    void openDetails(String commonName) {
        filterByName(commonName);
        wait.until(ExpectedConditions.elementToBeClickable(By.linkText(commonName))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sha256")));
    }

    /** Sets a textarea's or input's value as a paste would (sendKeys of long PEM text is slow and may indent). */
    void paste(String id, String text) {
        browser.executeScript("arguments[0].value = arguments[1];", browser.findElement(By.id(id)), text);
    }

    /** A file of the downloads directory, once it is complete (at most 20 s). */
    Path downloaded(String name) {
        Path file = downloads.resolve(name);
        wait.until(driver -> Files.isRegularFile(file) && !Files.exists(downloads.resolve(name + ".crdownload")));
        return file;
    }

    /** Fails when the browser's console has an error (a script error, a failed resource, a failed request). */
    void assertNoConsoleErrors() {
        List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
        assertEquals(List.of(), errors, "errors in the browser console");
    }

    @Override
    public void close() {
        browser.quit();
    }
}
