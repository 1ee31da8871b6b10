package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Users page and the change-password page in a real Chromium. */
class UsersPageIT {

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

    private void openUsersPage() {
        Browser.signIn(browser, ItSettings.ADMIN);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("menuForm:menuUsers"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("addForm:add")));
    }

    private String growl() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".ui-growl-message")))
                .getText();
    }

    private WebElement rowOf(String name) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//tbody[@id='usersForm:users_data']/tr[td/span[@class='cg-user-name' and text()='" + name + "']]")));
    }

    @Test
    void anAdminAddsAUserOnThePageWhoThenSignsIn() throws Exception {
        String name = "page-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "page-password-" + UUID.randomUUID().toString().substring(0, 8);
        openUsersPage();
        browser.findElement(By.id("addForm:name")).sendKeys(name);
        browser.findElement(By.id("addForm:password")).sendKeys(password);
        browser.findElement(By.id("addForm:add")).click();
        String message = growl();
        assertTrue(message.contains("Added the user " + name + " (operator)."), message);
        assertTrue(rowOf(name).getText().contains("operator"));
        try {
            browser.manage().deleteAllCookies();
            Browser.signIn(browser, new ItSettings.User(name, password));
            assertEquals(name, wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")))
                    .getText());
        } finally {
            UsersIT.call("DELETE", "/users/" + name, null, ItSettings.ADMIN);
        }
    }

    @Test
    void theLastAdminCannotBeDeletedAndThePageSaysWhy() {
        openUsersPage();
        rowOf(ItSettings.ADMIN.name()).findElement(By.xpath(".//button[contains(@id, ':delete')]")).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.id("usersForm:confirmYes"))).click();
        String message = growl();
        assertTrue(message.contains(ItSettings.ADMIN.name() + " is the last enabled admin and cannot be deleted."),
                message);
        assertTrue(rowOf(ItSettings.ADMIN.name()).isDisplayed(), "still listed");
    }

    @Test
    void tooShortAPasswordIsRefusedWithAMessage() {
        openUsersPage();
        browser.findElement(By.id("addForm:name")).sendKeys("short-" + UUID.randomUUID().toString().substring(0, 8));
        browser.findElement(By.id("addForm:password")).sendKeys("short");
        browser.findElement(By.id("addForm:add")).click();
        String message = growl();
        assertTrue(message.contains("A password needs at least 12 characters."), message);
    }

    @Test
    void anOperatorOpeningTheUsersPageIsRefusedByTheService() {
        Browser.signIn(browser, ItSettings.OPERATOR);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signedInUser")));
        browser.get(ItSettings.HTTP + "/certgate/users.xhtml");
        String message = growl();
        assertTrue(message.contains("Your role does not allow this: only admins manage users."), message);
        List<WebElement> rows = browser.findElements(By.cssSelector(".cg-user-name"));
        assertTrue(rows.isEmpty(), "no user is listed for an operator");
    }

    @Test
    void aUserChangesTheirOwnPassword() throws Exception {
        String name = "own-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "own-password-" + UUID.randomUUID().toString().substring(0, 8);
        assertEquals(201, UsersIT.createUser(name, password, "auditor").status());
        try {
            Browser.signIn(browser, new ItSettings.User(name, password));
            wait.until(ExpectedConditions.elementToBeClickable(By.id("account"))).click();
            String changed = "changed-password-" + UUID.randomUUID().toString().substring(0, 8);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("passwordForm:current"))).sendKeys(password);
            browser.findElement(By.id("passwordForm:chosen")).sendKeys(changed);
            browser.findElement(By.id("passwordForm:repeated")).sendKeys(changed);
            browser.findElement(By.id("passwordForm:change")).click();
            String message = growl();
            assertTrue(message.contains("Your password is changed."), message);
            assertEquals(200, CertgateApi.send(CertgateApi.request("/certificates?size=1").GET(),
                    new ItSettings.User(name, changed)).status());
        } finally {
            UsersIT.call("DELETE", "/users/" + name, null, ItSettings.ADMIN);
        }
    }
}
