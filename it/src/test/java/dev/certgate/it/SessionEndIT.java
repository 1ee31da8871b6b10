package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A signed-in session in Chromium ends at its next request when an admin disables its user or changes the user's
 * roles, or when the user's password is changed elsewhere; the session in which users change their own password
 * goes on.
 */
class SessionEndIT {

    private static final String PASSWORD = "session-end-password-1";
    private ChromeDriver browser;
    private String name;

    @BeforeEach
    void start() throws Exception {
        browser = Browser.start();
        name = "session-" + System.nanoTime() % 1_000_000_000L;
        assertEquals(201, UsersIT.createUser(name, PASSWORD, "operator").status());
    }

    @AfterEach
    void quit() throws Exception {
        try {
            AdminPages.quitWithoutConsoleErrors(browser);
        } finally {
            UsersIT.call("DELETE", "/users/" + name, null, ItSettings.ADMIN);
        }
    }

    private void signIn(String password) {
        Browser.signIn(browser, new ItSettings.User(name, password));
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("menuForm")));
    }

    /** Opens the dashboard; true when it showed, false when the browser ended on the sign-in page instead. */
    private boolean dashboardShows() {
        browser.get(ItSettings.HTTP + "/certgate/dashboard.xhtml");
        AdminPages.waitFor(browser).until(driver -> !driver.findElements(By.id("menuForm")).isEmpty()
                || !driver.findElements(By.id("username")).isEmpty());
        return !browser.findElements(By.id("menuForm")).isEmpty();
    }

    private void assertEndedWithTheMessage() {
        assertTrue(browser.getCurrentUrl().contains("login.xhtml"), browser.getCurrentUrl());
        assertTrue(browser.findElement(By.id("accessChanged")).getText().contains("your account changed"),
                browser.getPageSource());
    }

    @Test
    void disablingAUserEndsTheirSession() throws Exception {
        signIn(PASSWORD);
        assertTrue(dashboardShows());
        assertEquals(200, UsersIT.call("PUT", "/users/" + name, UsersIT.body("enabled", false), ItSettings.ADMIN)
                .status());
        assertTrue(!dashboardShows(), "a disabled user's session goes on");
        assertEndedWithTheMessage();
    }

    @Test
    void newRolesEndTheSessionAndTheNextSignInHasThem() throws Exception {
        signIn(PASSWORD);
        assertTrue(dashboardShows());
        assertEquals("operator", browser.findElement(By.id("signedInRoles")).getText());
        assertEquals(200, UsersIT.call("PUT", "/users/" + name, UsersIT.body("roles", List.of("auditor")),
                ItSettings.ADMIN).status());
        assertTrue(!dashboardShows(), "the session went on with the old roles");
        assertEndedWithTheMessage();
        signIn(PASSWORD);
        assertTrue(dashboardShows());
        assertEquals("auditor", browser.findElement(By.id("signedInRoles")).getText(), "the new sign-in's roles");
    }

    @Test
    void aPasswordChangedElsewhereEndsTheSessionButNotTheOneThatChangedIt() throws Exception {
        signIn(PASSWORD);
        assertTrue(dashboardShows());
        // the user changes their own password from a script (HTTP Basic, no session)
        String second = PASSWORD + "-2";
        assertEquals(204, UsersIT.call("PUT", "/account/password", UsersIT.body("currentPassword", PASSWORD,
                "newPassword", second), new ItSettings.User(name, PASSWORD)).status());
        assertTrue(!dashboardShows(), "the browser's session survived a password change elsewhere");
        assertEndedWithTheMessage();

        // now on the page: this session goes on
        signIn(second);
        browser.get(ItSettings.HTTP + "/certgate/account.xhtml");
        AdminPages.waitFor(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("passwordForm:change")));
        browser.findElement(By.cssSelector("#passwordForm\\:current input, input#passwordForm\\:current"))
                .sendKeys(second);
        browser.findElement(By.cssSelector("#passwordForm\\:chosen input, input#passwordForm\\:chosen"))
                .sendKeys(PASSWORD + "-3");
        browser.findElement(By.cssSelector("#passwordForm\\:repeated input, input#passwordForm\\:repeated"))
                .sendKeys(PASSWORD + "-3");
        browser.findElement(By.id("passwordForm:change")).click();
        assertTrue(AdminPages.growl(browser).contains("Your password is changed"), AdminPages.growl(browser));
        assertTrue(dashboardShows(), "the session that changed its own password was ended");
    }
}
