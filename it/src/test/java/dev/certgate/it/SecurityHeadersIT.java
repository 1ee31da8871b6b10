package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The admin side's response headers, read in a real Chromium on every admin page (and the sign-in page): the
 * Content-Security-Policy with {@code frame-ancestors 'none'}, {@code X-Frame-Options: DENY},
 * {@code X-Content-Type-Options: nosniff}, {@code Referrer-Policy}; the session cookie {@code SameSite=Strict} and
 * {@code HttpOnly}; and no console error on any page under that policy (a CSP violation is one).
 */
class SecurityHeadersIT {

    static final String CSP_FRAME_ANCESTORS = "frame-ancestors 'none'";
    private static final List<String> PAGES = List.of("dashboard.xhtml", "certificates.xhtml", "applications.xhtml",
            "acme.xhtml", "audit.xhtml", "users.xhtml", "account.xhtml");

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

    /** The response headers of the page the browser shows, as the browser gets them again (same origin, cookie). */
    @SuppressWarnings("unchecked")
    private Map<String, String> headersOfThisPage() {
        Object headers = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(location.href, {credentials: 'same-origin'}).then(r => {"
                        + "  const h = {}; r.headers.forEach((v, k) => h[k] = v); h[':status'] = '' + r.status;"
                        + "  done(h); }).catch(e => done({':error': '' + e}));");
        return (Map<String, String>) headers;
    }

    private static void assertHardened(String page, Map<String, String> headers) {
        String csp = headers.get("content-security-policy");
        assertNotNull(csp, page + ": no Content-Security-Policy in " + headers);
        assertTrue(csp.contains(CSP_FRAME_ANCESTORS), page + ": " + csp);
        assertTrue(csp.contains("default-src 'self'") && csp.contains("object-src 'none'")
                && csp.contains("base-uri 'self'") && csp.contains("form-action 'self'"), page + ": " + csp);
        assertEquals("DENY", headers.get("x-frame-options"), page + ": " + headers);
        assertEquals("nosniff", headers.get("x-content-type-options"), page + ": " + headers);
        assertEquals("same-origin", headers.get("referrer-policy"), page + ": " + headers);
    }

    @Test
    void everyAdminPageSendsTheHeadersAndLogsNoErrorUnderThePolicy() throws Exception {
        CertgateApi.Answer answer = CertgateApi.post("/certificates/self-signed", Map.of("commonName",
                "headers-" + System.nanoTime() + ".example.test", "validityDays", 30));
        assertEquals(201, answer.status(), answer.body().toString());
        String id = answer.body().get("id").asText();
        created.add(id);

        browser.get(ItSettings.HTTP + "/certgate/");
        AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertHardened("sign-in page", headersOfThisPage());
        AdminPages.assertNoConsoleErrors(browser);

        AdminPages.open(browser, ItSettings.ADMIN, "menuDashboard", By.id("menuForm"));
        List<String> pages = new ArrayList<>(PAGES);
        pages.add("certificate.xhtml?id=" + id);
        for (String page : pages) {
            browser.get(ItSettings.HTTP + "/certgate/" + page);
            AdminPages.waitFor(browser).until(ExpectedConditions.visibilityOfElementLocated(By.id("menuForm")));
            Map<String, String> headers = headersOfThisPage();
            assertEquals("200", headers.get(":status"), page + ": " + headers);
            assertHardened(page, headers);
            AdminPages.assertNoConsoleErrors(browser);
            AdminPages.assertNoStackTrace(browser);
        }

        Map<String, Object> cookie = sessionCookie();
        assertEquals("Strict", cookie.get("sameSite"), cookie.toString());
        assertEquals(Boolean.TRUE, cookie.get("httpOnly"), cookie.toString());
        assertEquals(Boolean.FALSE, cookie.get("secure"), "plain HTTP on loopback: no Secure, or nobody could sign in");
    }

    /** The REST API gets the same headers (a JSON answer framed or sniffed is no better than a page). */
    @Test
    void restAnswersCarryTheHeadersToo() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ItSettings.HTTP + "/certgate/api/v1/certificates?size=1"))
                .header("Authorization", ItSettings.AUDITOR.basic()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("DENY", response.headers().firstValue("X-Frame-Options").orElse(null));
        assertTrue(response.headers().firstValue("Content-Security-Policy").orElse("").contains(CSP_FRAME_ANCESTORS));
    }

    /**
     * A page of another origin frames the sign-in page: Chromium refuses to show it (frame-ancestors 'none',
     * X-Frame-Options DENY), so the frame holds Chromium's error page, not the sign-in form. Read from inside each
     * frame through WebDriver (which may enter a cross-origin frame where the page's own script may not); a second
     * frame with a form of its own shows that this reading finds a form where there is one.
     */
    @Test
    void anotherSiteCannotFrameTheAdminPages() throws Exception {
        browser.get("data:text/html,<iframe id=admin src='" + ItSettings.HTTP + "/certgate/login.xhtml'></iframe>"
                + "<iframe id=control srcdoc='<input id=username>'></iframe>");
        browser.switchTo().frame("control");
        assertEquals(1, browser.findElements(By.id("username")).size(), "the control frame's form is found");
        browser.switchTo().defaultContent();

        long deadline = System.nanoTime() + 5_000_000_000L;
        String url;
        do {
            Thread.sleep(250);
            browser.switchTo().frame("admin");
            url = String.valueOf(((JavascriptExecutor) browser).executeScript("return document.URL"));
            assertTrue(browser.findElements(By.id("username")).isEmpty() && browser.findElements(By.id("signIn"))
                    .isEmpty(), "another site shows the sign-in form in a frame (" + url + ")");
            browser.switchTo().defaultContent();
        } while (!url.startsWith("chrome-error:") && System.nanoTime() < deadline);
        assertTrue(url.startsWith("chrome-error:"), "the framed sign-in page was refused by Chromium: " + url);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> sessionCookie() {
        Map<String, Object> all = browser.executeCdpCommand("Network.getAllCookies", Map.of());
        for (Object cookie : (List<Object>) all.get("cookies")) {
            Map<String, Object> c = (Map<String, Object>) cookie;
            if ("JSESSIONID".equals(c.get("name"))) {
                return c;
            }
        }
        throw new AssertionError("no JSESSIONID cookie: " + all);
    }
}
