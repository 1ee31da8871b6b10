package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signing in and out in a real Chromium, against the users in the database. */
class SignInIT {

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private String errorAfterSignIn(String name, String password) {
        browser.get(ItSettings.HTTP + "/certgate/login.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        org.openqa.selenium.WebElement signIn = browser.findElement(By.id("signIn"));
        signIn.click();
        // the answer is a new page: wait until this one is gone, or an error shown by the previous attempt is read
        wait.until(ExpectedConditions.stalenessOf(signIn));
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error"))).getText();
    }

    @Test
    void aUserSignsInSeesNameAndRoleAndSignsOut() {
        Browser.signIn(browser, ItSettings.AUDITOR);
        assertEquals(ItSettings.AUDITOR.name(),
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser"))).getText());
        assertEquals("auditor", browser.findElement(By.id("signedInRoles")).getText());
        assertTrue(browser.getCurrentUrl().endsWith("/certgate/dashboard.xhtml"), "the Dashboard is the landing page: "
                + browser.getCurrentUrl());
        assertTrue(browser.findElements(By.id("menuForm:menuUsers")).isEmpty(), "no Users menu for an auditor");
        browser.findElement(By.id("signOutForm:signOut")).click();
        assertEquals("You are signed out.",
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedOut"))).getText());
        browser.get(ItSettings.HTTP + "/certgate/certificates.xhtml");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertTrue(browser.findElements(By.id("certForm:certificates")).isEmpty(), "signed out: the page asks to sign in");
    }

    @Test
    void aWrongPasswordIsRefusedWithAMessage() throws Exception {
        String name = "wrong-" + UUID.randomUUID().toString().substring(0, 8);
        assertTrue(errorAfterSignIn(name, "not-the-password").contains("The user name or password is wrong."));
        assertEquals(1, Database.auditRows(name, "SIGN_IN_FAILED"));
    }

    @Test
    void repeatedFailuresAreThrottledWithAMessage() throws Exception {
        String name = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertTrue(errorAfterSignIn(name, "guess-" + i).contains("The user name or password is wrong."));
        }
        String throttled = errorAfterSignIn(name, "guess-5");
        assertTrue(throttled.contains("Too many failed sign-ins for this user. Try again in 15 minutes."), throttled);
        assertEquals(1, Database.auditRows(name, "SIGN_IN_THROTTLED"));
        // others are not affected
        Browser.signIn(browser, ItSettings.OPERATOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
    }

    @Test
    void anAdminAddsAUserWhoThenSignsIn() throws Exception {
        String name = "new-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "welcome-" + UUID.randomUUID();
        assertEquals(201, UsersIT.createUser(name, password, "operator").status());
        try {
            Browser.signIn(browser, new ItSettings.User(name, password));
            assertEquals(name, wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")))
                    .getText());
            assertEquals("operator", browser.findElement(By.id("signedInRoles")).getText());
            assertEquals(1, Database.auditRows(name, "SIGN_IN"));
        } finally {
            UsersIT.call("DELETE", "/users/" + name, null, ItSettings.ADMIN);
        }
    }

    @Test
    void onlyAnAdminSeesTheUsersMenuAndOnlyAnAdminIsAnswered() throws Exception {
        Browser.signIn(browser, ItSettings.OPERATOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
        assertTrue(browser.findElements(By.id("menuForm:menuUsers")).isEmpty(), "no Users menu for an operator");
        assertEquals(403, UsersIT.call("GET", "/users", null, ItSettings.OPERATOR).status());

        browser.manage().deleteAllCookies();
        Browser.signIn(browser, ItSettings.ADMIN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
        List<?> users = browser.findElements(By.id("menuForm:menuUsers"));
        assertEquals(1, users.size(), "an admin has the Users menu");
    }
}
