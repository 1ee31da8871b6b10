package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ACME page in a real Chromium against the test Pebble: the account form, "Renew now" with its progress and its
 * outcome (a new certificate, or a failure with its cause, also on the dashboard), refusals.
 */
class AcmePageIT {

    private static final Duration ORDER = Duration.ofSeconds(90);

    private ChromeDriver browser;
    private final List<String> applications = new ArrayList<>();

    @BeforeAll
    static void account() throws Exception {
        CertgateApi.Answer saved = AcmeIT.saveAccount(ItSettings.ACME_DIRECTORY);
        assertEquals(200, saved.status(), saved.body().toString());
    }

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
        }
    }

    private By rowOf(String domain) {
        return By.xpath("//tbody[@id='domainsForm:domains_data']/tr[.//span[contains(@class, 'cg-acme-domain') and "
                + "text()='" + domain + "']]");
    }

    private WebElement renewButton(String domain) {
        return AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//tbody[@id='domainsForm:domains_data']/tr[.//span[contains(@class, 'cg-acme-domain') and "
                        + "text()='" + domain + "']]//button[contains(@id, ':renew')]")));
    }

    /** A domain with a valid ACME certificate, through the gateway's real ports (as AcmeIT). */
    private String validAcmeDomain(String prefix) throws Exception {
        String domain = AcmeIT.unique(prefix);
        applications.add(AcmeIT.application(domain, "HTTP_01"));
        AcmeIT.awaitValid(domain);
        return domain;
    }

    private static String fingerprint(String certificateId) throws Exception {
        return CertgateApi.get("/certificates/" + certificateId).body().get("fingerprintSha256").asText();
    }

    /** "Pre-flight": the report in a dialog, one row per check; a failure says what is wrong in the growl too. */
    @Test
    void thePreflightButtonShowsEachCheckAndTheLikelyFix() throws Exception {
        String good = validAcmeDomain("page-preflight");
        String broken = AcmeIT.unique("page-preflight-caa");
        Pebble.addCaa(broken, "issue", ";");
        try {
            applications.add(AcmeIT.application(broken, "HTTP_01"));
            AdminPages.open(browser, ItSettings.OPERATOR, "menuAcme", rowOf(good));
            preflightButton(good).click();
            String ready = AdminPages.growlContaining(browser, "Pre-flight check of " + good + ": ready for the CA",
                    Duration.ofSeconds(30));
            assertTrue(ready.contains("HTTP-01"), ready);
            WebElement dialog = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("preflightForm:preflightDialog")));
            assertTrue(dialog.getText().contains("Ready: the CA should be able to validate"), dialog.getText());
            assertEquals(3, dialog.findElements(By.cssSelector(".cg-preflight-check")).size(), dialog.getText());
            assertTrue(dialog.getText().contains("reaches this gateway"), dialog.getText());
            dialog.findElement(By.cssSelector(".ui-dialog-titlebar-close")).click();
            AdminPages.waitFor(browser).until(ExpectedConditions.invisibilityOfElementLocated(
                    By.id("preflightForm:preflightDialog")));

            browser.navigate().refresh(); // the growl of the first check sits over the buttons' column
            AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(rowOf(broken)));
            preflightButton(broken).click();
            String failed = AdminPages.growlContaining(browser, "Pre-flight check of " + broken + " failed",
                    Duration.ofSeconds(30));
            assertTrue(failed.contains("forbid every CA to issue"), failed);
            WebElement report = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                    By.id("preflightForm:preflightDialog")));
            AdminPages.waitFor(browser).until(d -> report.getText().contains(broken));
            assertTrue(report.getText().contains("Not ready"), report.getText());
            assertTrue(report.findElements(By.cssSelector(".cg-preflight-FAILED")).size() == 1, report.getText());
        } finally {
            Pebble.clearCaa(broken);
        }
    }

    private WebElement preflightButton(String domain) {
        return AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//tbody[@id='domainsForm:domains_data']/tr[.//span[contains(@class, 'cg-acme-domain') and "
                        + "text()='" + domain + "']]//button[contains(@id, ':preflight')]")));
    }

    @Test
    void renewNowShowsItsProgressThenTheNewCertificateWithoutAFrozenPage() throws Exception {
        String domain = validAcmeDomain("page-renew");
        String certificateId = AcmeIT.await(domain, s -> true, ORDER).get("certificateId").asText();
        String before = fingerprint(certificateId);

        AdminPages.open(browser, ItSettings.OPERATOR, "menuAcme", rowOf(domain));
        assertTrue(browser.findElement(rowOf(domain)).getText().contains("VALID"));
        renewButton(domain).click();
        String started = AdminPages.growlContaining(browser, "Ordering a new certificate for " + domain,
                Duration.ofSeconds(20));
        assertTrue(started.contains("from the CA"), started);
        // while it runs the page answers: the menu is usable, the row says it is ordering (or it is already done)
        assertTrue(browser.findElement(By.id("menuForm:menuDashboard")).isEnabled());
        String outcome = AdminPages.growlContaining(browser, "Renewed " + domain + ": a new certificate is served",
                ORDER);
        assertTrue(outcome.contains("valid until"), outcome);
        AdminPages.waitFor(browser).until(d -> d.findElement(rowOf(domain)).findElements(
                By.cssSelector(".cg-progress")).isEmpty());
        JsonNode after = AcmeIT.await(domain, s -> s.get("state").asText().equals("VALID"), ORDER);
        assertEquals(certificateId, after.get("certificateId").asText(), "replaced in place");
        assertNotEquals(before, fingerprint(certificateId), "a new certificate");
        AcmeIT.servedOnceRefreshed(domain, certificateId);
        assertTrue(Database.auditRows(domain, "ACME_RENEW") >= 1, "renew now is audited");
    }

    @Test
    void aFailedRenewalShowsItsCauseHereAndOnTheDashboard() throws Exception {
        String domain = validAcmeDomain("page-fail");
        // Pebble's DNS sends its validator where nothing answers
        Pebble.addA(domain, "127.0.0.2");
        try {
            AdminPages.open(browser, ItSettings.ADMIN, "menuAcme", rowOf(domain));
            renewButton(domain).click();
            String failed = AdminPages.growlContaining(browser, "Renewing " + domain + " failed (CONNECTION)", ORDER);
            assertTrue(failed.contains("still served"), failed);
            WebElement row = AdminPages.waitFor(browser).until(d -> {
                WebElement r = d.findElement(rowOf(domain));
                return r.getText().contains("FAILING") ? r : null;
            });
            assertTrue(row.findElement(By.cssSelector(".cg-acme-error")).getText().contains(domain), row.getText());

            browser.findElement(By.id("menuForm:menuDashboard")).click();
            WebElement failure = AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(
                    By.xpath("//tbody[@id='dashboardForm:failures_data']/tr[.//span[contains(@class, "
                            + "'cg-failure-domain') and text()='" + domain + "']]")));
            assertTrue(failure.getText().contains("CONNECTION"), failure.getText());
            assertFalse(browser.findElement(By.id("dashboardForm:failingCount")).getText().equals("0"));
        } finally {
            Pebble.clearA(domain);
        }
    }

    @Test
    void anAuditorAskingForARenewalIsRefusedWithAClearMessage() throws Exception {
        String domain = AcmeIT.unique("page-auditor");
        applications.add(AcmeIT.application(domain, "HTTP_01"));
        AcmeIT.await(domain, s -> true, ORDER);
        AdminPages.open(browser, ItSettings.AUDITOR, "menuAcme", rowOf(domain));
        long audited = Database.auditRows(domain, "ACME_RENEW");
        renewButton(domain).click();
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("Your role does not allow this: only admins and operators renew certificates."),
                message);
        assertEquals(audited, Database.auditRows(domain, "ACME_RENEW"), "nothing asked");
        assertTrue(browser.findElement(rowOf(domain)).findElements(By.cssSelector(".cg-progress")).isEmpty());
        AdminPages.assertNoStackTrace(browser);
    }

    @Test
    void theAccountFormShowsTheCasTermsAndNeverTheEabKeyAndRefusesUnagreedTerms() throws Exception {
        AdminPages.open(browser, ItSettings.ADMIN, "menuAcme", By.id("accountForm:saveAccount"));
        String status = browser.findElement(By.id("accountStatus")).getText();
        assertTrue(status.contains("VALID") && status.contains(ItSettings.ACME_DIRECTORY), status);
        assertEquals(ItSettings.ACME_DIRECTORY, browser.findElement(By.id("accountForm:customUrl"))
                .getAttribute("value"), "a directory that is no preset is shown as a URL");
        // Pebble's terms are a data: URL: shown as text, never a link (only an https: address is linked)
        assertTrue(browser.findElements(By.cssSelector("a[href^='data:']")).isEmpty(), "no data: link");
        assertTrue(browser.findElement(By.id("accountForm:termsNotLinked")).isDisplayed());
        assertTrue(browser.findElement(By.id("accountForm:terms")).getText().contains("data:text/plain"),
                "Pebble's terms, from the saved account: " + browser.findElement(By.id("accountForm:terms")).getText());
        assertTrue(browser.findElement(By.id("accountForm:termsAgreed_input")).isSelected());

        // read the directory again: the terms must be agreed again for another directory only
        browser.findElement(By.id("accountForm:readTerms")).click();
        AdminPages.waitFor(browser).until(d -> d.findElement(By.id("accountForm:termsNotLinked")).isDisplayed());

        // EAB key id without its HMAC key is refused, and nothing changes
        browser.findElement(By.id("accountForm:eabKeyId")).sendKeys("kid-1");
        browser.findElement(By.id("accountForm:saveAccount")).click();
        AdminPages.growlContaining(browser, "External Account Binding needs both eabKeyId and eabHmacKey",
                Duration.ofSeconds(30));
        browser.findElement(By.id("accountForm:eabKeyId")).clear();

        // a HMAC key typed is never shown back
        browser.findElement(By.id("accountForm:eabHmacKey")).sendKeys("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0");
        browser.findElement(By.id("accountForm:saveAccount")).click();
        AdminPages.growlContaining(browser, "External Account Binding needs both", Duration.ofSeconds(30));
        assertEquals("", browser.findElement(By.id("accountForm:eabHmacKey")).getAttribute("value"));
        assertFalse(browser.getPageSource().contains("c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0"));

        // not agreeing to the terms is refused with the terms' address
        browser.findElement(By.cssSelector("[id='accountForm:termsAgreed'] .ui-chkbox-box")).click();
        browser.findElement(By.id("accountForm:saveAccount")).click();
        AdminPages.growlContaining(browser, "Read the CA's terms of service at data:", Duration.ofSeconds(30));

        browser.findElement(By.cssSelector("[id='accountForm:termsAgreed'] .ui-chkbox-box")).click();
        browser.findElement(By.id("accountForm:saveAccount")).click();
        AdminPages.growlContaining(browser, "Saved the ACME account at " + ItSettings.ACME_DIRECTORY + ": VALID.",
                Duration.ofSeconds(30));

        // rollover asks first, then gives the account a new key
        browser.findElement(By.id("accountForm:rollover")).click();
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("accountForm:confirmYes")))
                .click();
        AdminPages.growlContaining(browser, "The ACME account has a new key (EC_P256)", Duration.ofSeconds(30));
        // deactivation asks first; cancelled, the account stays valid
        browser.findElement(By.id("accountForm:deactivate")).click();
        AdminPages.waitFor(browser).until(ExpectedConditions.elementToBeClickable(By.id("accountForm:confirmNo")))
                .click();
        assertEquals("VALID", CertgateApi.get("/acme/account").body().get("status").asText());
    }

    @Test
    void anOperatorCannotChangeTheAccount() throws Exception {
        AdminPages.open(browser, ItSettings.OPERATOR, "menuAcme", By.id("accountForm:saveAccount"));
        browser.findElement(By.id("accountForm:saveAccount")).click();
        String message = AdminPages.growl(browser);
        assertTrue(message.contains("Your role does not allow this: only admins change the ACME account."), message);
        AdminPages.assertNoStackTrace(browser);
    }
}
