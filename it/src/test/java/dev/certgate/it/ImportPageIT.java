package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The certificates page in a real Chromium: paste, submit, see the row or the message. */
class ImportPageIT {

    @TempDir
    Path dir;

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openPage() throws Exception {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        Browser.signIn(browser, ItSettings.OPERATOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("importForm:save")));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void pastedCertificateAppearsInTheTable() throws Exception {
        String name = "page-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");

        paste(pair.certificatePem(), pair.keyPem());

        String message = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#importForm\\:messages .ui-messages-info"))).getText();
        assertTrue(message.contains("Stored the certificate for " + name), message);
        assertTrue(commonNamesInTable().contains(name), "the new row is in the table");
        // The key is never shown back, and the form is ready for the next certificate.
        assertEquals("", browser.findElement(By.id("importForm:privateKey")).getAttribute("value"));
        assertFalse(browser.getPageSource().contains("PRIVATE KEY-----\n"), "no key text in the page");

        // Still there after a reload: it was stored, not only shown.
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("importForm:save")));
        assertTrue(commonNamesInTable().contains(name));
    }

    @Test
    void mismatchedKeyShowsAClearMessageAndStoresNothing() throws Exception {
        String name = "mismatch-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        Openssl.Pair other = Openssl.selfSigned(dir, "other-" + name, "ec");
        int rowsBefore = commonNamesInTable().size();

        paste(pair.certificatePem(), other.keyPem());

        String message = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#importForm\\:messages .ui-messages-error"))).getText();
        assertTrue(message.contains("The private key does not match the certificate for " + name + "."), message);
        assertFalse(message.contains("Exception"), message);
        assertFalse(commonNamesInTable().contains(name), "no row for the refused certificate");
        browser.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("importForm:save")));
        assertEquals(rowsBefore, commonNamesInTable().size(), "nothing was stored");
    }

    @Test
    void emptyFormSaysWhatIsMissing() {
        browser.findElement(By.id("importForm:save")).click();
        String message = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#importForm\\:messages .ui-messages-error"))).getText();
        assertTrue(message.contains("The certificate chain is empty."), message);
    }

    private void paste(String certificatePem, String keyPem) {
        WebElement chain = browser.findElement(By.id("importForm:chain"));
        WebElement key = browser.findElement(By.id("importForm:privateKey"));
        // Set the values as a paste would (sendKeys of long PEM text is slow and may auto-indent).
        browser.executeScript("arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
                chain, certificatePem, key, keyPem);
        browser.findElement(By.id("importForm:save")).click();
    }

    private List<String> commonNamesInTable() {
        return browser.findElements(By.cssSelector("#certificates .cg-common-name")).stream()
                .map(WebElement::getText)
                .toList();
    }
}
