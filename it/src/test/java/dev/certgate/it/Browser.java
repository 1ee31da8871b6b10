package dev.certgate.it;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Debian's Chromium driven by Debian's chromedriver. Both paths are given, so Selenium Manager never tries to
 * download anything; the flags keep Chromium off the (closed) network.
 */
final class Browser {

    static final String CHROMIUM = System.getProperty("certgate.it.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("certgate.it.chromedriver", "/usr/bin/chromedriver");

    private Browser() {
    }

    /** Opens the admin pages and signs in on the sign-in form as {@code user}. */
    static void signIn(ChromeDriver browser, ItSettings.User user) {
        browser.get(ItSettings.HTTP + "/certgate/");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(20)).until(
                org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                        org.openqa.selenium.By.id("username")));
        browser.findElement(org.openqa.selenium.By.id("username")).sendKeys(user.name());
        browser.findElement(org.openqa.selenium.By.id("password")).sendKeys(user.password());
        browser.findElement(org.openqa.selenium.By.id("signIn")).click();
    }

    /** A new headless browser with a fresh profile; the caller quits it. */
    static ChromeDriver start() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1024",
                "--user-data-dir=" + Files.createTempDirectory("certgate-chromium"));
        // the browser console, so tests can assert that a page logs no error (AdminPages.assertNoConsoleErrors)
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
