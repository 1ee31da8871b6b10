package dev.certgate.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certificates pages in a real Chromium, each main path and its error paths: add by paste, by upload (DER
 * certificate and key, PKCS#12), self-sign, local CA; the detail page (fingerprints, chain, audit), replace,
 * download, PKCS#12 export, delete; refusals (bad PEM, wrong PKCS#12 password, in use, an auditor). Every test ends
 * with no error in the browser's console.
 */
class CertificatesPageIT {

    @TempDir
    Path dir;

    private CertificatePages pages;

    @AfterEach
    void close() {
        if (pages != null) {
            try {
                pages.assertNoConsoleErrors();
            } finally {
                pages.close();
            }
        }
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
    }

    private CertificatePages open(ItSettings.User user) throws Exception {
        pages = CertificatePages.open(user, dir.resolve("downloads"));
        return pages;
    }

    private void tab(String title) {
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.linkText(title))).click();
    }

    private List<WebElement> fileInputs(String form) {
        return pages.browser.findElements(By.cssSelector("#addTabs\\:" + form + " input[type=file]"));
    }

    private void upload(Path certificateFile, Path keyFile, String password) {
        tab("Upload files");
        List<WebElement> inputs = fileInputs("uploadForm");
        pages.wait.until(ExpectedConditions.visibilityOf(inputs.get(0)));
        inputs.get(0).sendKeys(certificateFile.toAbsolutePath().toString());
        if (keyFile != null) {
            inputs.get(1).sendKeys(keyFile.toAbsolutePath().toString());
        }
        if (password != null) {
            pages.browser.findElement(By.id("addTabs:uploadForm:filePassword")).sendKeys(password);
        }
        pages.browser.findElement(By.id("addTabs:uploadForm:upload")).click();
    }

    private static long stored(String name) throws Exception {
        return CertgateApi.get("/certificates?q=" + name).body().get("total").asLong();
    }

    private static String sha256Colons(Path certificate) throws Exception {
        String out = Openssl.run(certificate.getParent(), "openssl", "x509", "-in", certificate.toString(), "-noout",
                "-fingerprint", "-sha256");
        return out.substring(out.indexOf('=') + 1).strip();
    }

    @Test
    void pastedPairIsStoredAndItsDetailsShowFingerprintsChainAndAudit() throws Exception {
        String name = unique("paste");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "rsa");
        open(ItSettings.ADMIN);
        pages.paste("addTabs:importForm:chain", pair.certificatePem());
        pages.paste("addTabs:importForm:privateKey", pair.keyPem());
        pages.browser.findElement(By.id("addTabs:importForm:description")).sendKeys("pasted by the page test");
        pages.browser.findElement(By.id("addTabs:importForm:save")).click();
        pages.message("info", "Stored the certificate for " + name);

        pages.openDetails(name);
        assertEquals(name, pages.browser.findElement(By.id("title")).getText());
        assertEquals(sha256Colons(pair.certificate()), pages.browser.findElement(By.id("sha256")).getText());
        assertEquals(59, pages.browser.findElement(By.id("sha1")).getText().length(), "SHA-1 as AB:CD:…");
        assertEquals("RSA 2048 bits", pages.browser.findElement(By.id("key")).getText());
        assertEquals("No domain uses it.", pages.browser.findElement(By.id("usedBy")).getText());
        // a self-signed certificate names no CRL and no OCSP responder; the page says what that means
        assertTrue(pages.browser.findElement(By.id("crlDistributionPoints")).getText().startsWith("None named"));
        assertTrue(pages.browser.findElement(By.id("ocsp")).getText().contains("staples no OCSP response"),
                pages.browser.findElement(By.id("ocsp")).getText());
        assertEquals("pasted by the page test", pages.browser.findElement(By.id("description")).getText());
        assertTrue(pages.browser.findElement(By.id("serial")).getText().matches("[0-9A-Fa-f:]+"));
        assertTrue(pages.browser.findElement(By.cssSelector(".cg-chain-subject")).getText().contains("CN=" + name));
        // "Chain as PEM": a panel, closed at first, its title bar above its frame (not a legend drawn across it)
        WebElement titleBar = pages.browser.findElement(By.cssSelector("#chainPemPanel .ui-panel-titlebar"));
        assertEquals("Chain as PEM", titleBar.findElement(By.cssSelector(".ui-panel-title")).getText());
        WebElement pem = pages.browser.findElement(By.id("chainPem"));
        assertFalse(pem.isDisplayed(), "the PEM is folded away at first");
        titleBar.findElement(By.cssSelector(".ui-panel-titlebar-icon")).click();
        pages.wait.until(d -> pem.isDisplayed());
        assertTrue(pem.getText().startsWith("-----BEGIN CERTIFICATE-----"), pem.getText());
        WebElement content = pages.browser.findElement(By.cssSelector("#chainPemPanel .ui-panel-content"));
        assertTrue(titleBar.getRect().getY() + titleBar.getRect().getHeight() <= content.getRect().getY() + 1,
                "the title bar " + titleBar.getRect() + " ends before the content " + content.getRect() + " starts");
        List<String> actions = pages.browser.findElements(By.cssSelector(".cg-audit-action")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of("CERTIFICATE_IMPORT"), actions, "its audit history");
    }

    @Test
    void derCertificateWithDerKeyIsUploaded() throws Exception {
        String name = unique("der");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        Path der = dir.resolve(name + ".der");
        Openssl.run(dir, "openssl", "x509", "-in", pair.certificate().toString(), "-outform", "DER", "-out",
                der.toString());
        Path key = Files.write(dir.resolve(name + ".key.der"), pair.keyTraditionalDer());
        open(ItSettings.OPERATOR);

        upload(der, key, null);

        pages.message("info", "Stored the certificate for " + name);
        pages.filterByName(name);
        assertEquals(List.of(name), pages.commonNames());
        assertEquals("UPLOADED", pages.browser.findElement(By.cssSelector("#certForm\\:certificates_data .cg-source"))
                .getText());
    }

    @Test
    void pkcs12IsUploadedWithItsPasswordAndRefusedWithAWrongOne() throws Exception {
        String name = unique("p12");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        Path p12 = dir.resolve(name + ".p12");
        Openssl.run(dir, "openssl", "pkcs12", "-export", "-in", pair.certificate().toString(), "-inkey",
                pair.key().toString(), "-out", p12.toString(), "-passout", "pass:right-password");
        open(ItSettings.OPERATOR);

        upload(p12, null, "wrong-password");
        String refused = pages.message("error");
        assertTrue(refused.toLowerCase().contains("password"), refused);
        assertFalse(refused.contains("Exception"), refused);
        assertEquals(0, stored(name), "nothing stored");

        pages.list();
        upload(p12, null, "right-password");
        pages.message("info", "Stored the certificate for " + name);
        assertEquals(1, stored(name));
    }

    @Test
    void badPemIsRefusedWithAClearMessageAndNothingIsStored() throws Exception {
        open(ItSettings.OPERATOR);
        long before = CertgateApi.list().body().get("total").asLong();
        pages.paste("addTabs:importForm:chain", "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");
        pages.paste("addTabs:importForm:privateKey", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        pages.browser.findElement(By.id("addTabs:importForm:save")).click();
        String message = pages.message("error");
        assertTrue(message.toLowerCase().contains("certificate"), message);
        assertFalse(message.contains("Exception") || message.contains("at dev."), message);
        assertEquals(before, CertgateApi.list().body().get("total").asLong(), "nothing stored");
        assertEquals("", pages.browser.findElement(By.id("addTabs:importForm:privateKey")).getAttribute("value"),
                "the key text is not shown back");
    }

    @Test
    void selfSignedWildcardWithTheKeyboardOnly() throws Exception {
        String domain = unique("wild");
        String name = "*." + domain;
        open(ItSettings.OPERATOR);
        tab("Self-sign or local CA");
        WebElement commonName = pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("addTabs:issueForm:commonName")));
        commonName.click();
        commonName.sendKeys(name, Keys.TAB, domain, Keys.TAB);
        // key type (a select menu), validity, description, then the Self-sign button: Tab moves, Enter presses
        pages.browser.switchTo().activeElement().sendKeys(Keys.TAB);
        pages.browser.switchTo().activeElement().sendKeys(Keys.TAB);
        pages.browser.switchTo().activeElement().sendKeys("made with the keyboard", Keys.TAB);
        assertEquals("addTabs:issueForm:selfSign", pages.browser.switchTo().activeElement().getAttribute("id"));
        pages.browser.switchTo().activeElement().sendKeys(Keys.ENTER);

        pages.message("info", "Stored the certificate for " + name);
        pages.filterByName(domain);
        assertEquals(List.of(name), pages.commonNames());
        String sans = pages.browser.findElement(By.cssSelector("#certForm\\:certificates_data .cg-sans")).getText();
        assertTrue(sans.contains(name) && sans.contains(domain), sans);
        assertEquals("SELF_SIGNED", pages.browser.findElement(
                By.cssSelector("#certForm\\:certificates_data .cg-source")).getText());
    }

    @Test
    void localCaIssuesAndItsRootAndChainDownload() throws Exception {
        CertgateApi.ensureLocalCa(); // made only on request (LocalCaIT)
        String name = unique("local");
        open(ItSettings.OPERATOR);
        tab("Self-sign or local CA");
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("addTabs:issueForm:commonName"))).sendKeys(name);
        pages.browser.findElement(By.id("addTabs:issueForm:issueLocalCa")).click();
        pages.message("info", "Stored the certificate for " + name);

        pages.browser.findElement(By.id("localCaForm:downloadRoot")).click();
        Path root = pages.downloaded("certgate-local-ca.pem");
        assertTrue(Files.readString(root).startsWith("-----BEGIN CERTIFICATE-----"));

        pages.openDetails(name);
        assertEquals("LOCAL_CA", pages.browser.findElement(By.id("source")).getText());
        pages.browser.findElement(By.id("actions:downloadChain")).click();
        Path chain = pages.downloaded(name + ".chain.pem");
        String verified = Openssl.run(dir, "openssl", "verify", "-CAfile", root.toString(), chain.toString());
        assertTrue(verified.contains(": OK"), verified);
    }

    @Test
    void replaceKeepsTheIdAndDeleteAsksFirst() throws Exception {
        String name = unique("replace");
        Openssl.Pair first = Openssl.selfSigned(dir, name, "ec");
        Path second = Files.createDirectories(dir.resolve("second"));
        Openssl.Pair renewed = Openssl.selfSigned(second, name, "ec");
        String id = CertgateApi.importPem(first.certificatePem(), first.keyPem()).body().get("id").asText();
        open(ItSettings.OPERATOR);
        pages.openDetails(name);
        assertTrue(pages.browser.getCurrentUrl().contains("id=" + id));

        pages.browser.findElement(By.id("actions:openReplace")).click();
        pages.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("replaceForm:chain")));
        pages.paste("replaceForm:chain", renewed.certificatePem());
        pages.paste("replaceForm:privateKey", renewed.keyPem());
        pages.browser.findElement(By.id("replaceForm:replace")).click();
        pages.message("info", "Replaced the certificate for " + name);
        pages.wait.until(ExpectedConditions.textToBe(By.id("sha256"), sha256Colons(renewed.certificate())));
        assertEquals(sha256Colons(renewed.certificate()).replace(":", "").toLowerCase(),
                CertgateApi.get("/certificates/" + id).body().get("fingerprintSha256").asText().toLowerCase(),
                "the same id has the new certificate");

        // Delete, keep: nothing happens; delete, confirm: gone, back on the list with a message.
        pages.browser.findElement(By.id("actions:delete")).click();
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:confirmNo"))).click();
        assertEquals(200, CertgateApi.get("/certificates/" + id).status());
        pages.browser.findElement(By.id("actions:delete")).click();
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:confirmYes"))).click();
        pages.message("info", "Deleted the certificate for " + name + ".");
        assertEquals(404, CertgateApi.get("/certificates/" + id).status());
    }

    @Test
    void aCertificateInUseIsNotDeletedAndThePageNamesTheDomain() throws Exception {
        String name = unique("inuse");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        String id = CertgateApi.importPem(pair.certificatePem(), pair.keyPem()).body().get("id").asText();
        Map<String, Object> domain = new HashMap<>();
        domain.put("name", name);
        domain.put("certificateId", id);
        JsonNode application = CertgateApi.post("/applications", Map.of("name", "app-" + name,
                "backends", List.of("http://127.0.0.1:9"), "domains", List.of(domain))).body();
        try {
            open(ItSettings.OPERATOR);
            pages.openDetails(name);
            assertEquals(name, pages.browser.findElement(By.id("usedBy")).getText());
            pages.browser.findElement(By.id("actions:delete")).click();
            pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("actions:confirmYes"))).click();
            String message = pages.message("error");
            assertTrue(message.contains("is used by " + name), message);
            assertEquals(200, CertgateApi.get("/certificates/" + id).status(), "still stored");
        } finally {
            CertgateApi.delete("/applications/" + application.get("id").asText());
            CertgateApi.delete("/certificates/" + id);
        }
    }

    @Test
    void anAdminExportsPkcs12WithAPasswordAndAnOperatorIsNotOffered() throws Exception {
        String name = unique("export");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        CertgateApi.importPem(pair.certificatePem(), pair.keyPem());
        open(ItSettings.ADMIN);
        pages.openDetails(name);

        pages.browser.findElement(By.id("actions:openExport")).click();
        pages.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("exportForm:password")))
                .sendKeys("export-password");
        pages.browser.findElement(By.id("exportForm:repeated")).sendKeys("another-password");
        pages.browser.findElement(By.id("exportForm:export")).click();
        pages.message("error", "The two passwords differ.");

        pages.browser.findElement(By.id("actions:openExport")).click();
        pages.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("exportForm:password")))
                .sendKeys("export-password");
        pages.browser.findElement(By.id("exportForm:repeated")).sendKeys("export-password");
        pages.browser.findElement(By.id("exportForm:export")).click();
        Path p12 = pages.downloaded(name + ".p12");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(p12.toFile())) {
            store.load(in, "export-password".toCharArray());
        }
        String alias = store.aliases().nextElement();
        assertTrue(store.isKeyEntry(alias), "the file holds the key");
        pages.close();

        pages = CertificatePages.open(ItSettings.OPERATOR, dir.resolve("operator-downloads"));
        pages.openDetails(name);
        assertTrue(pages.browser.findElements(By.id("actions:openExport")).isEmpty(), "no export for an operator");
    }

    @Test
    void anAuditorSeesDisabledButtonsAndAForcedChangeIsRefusedByTheService() throws Exception {
        String name = unique("auditor");
        open(ItSettings.AUDITOR);
        assertTrue(pages.browser.findElement(By.id("readOnlyNote")).isDisplayed());
        assertFalse(pages.browser.findElement(By.id("addTabs:importForm:save")).isEnabled(), "add is disabled");
        tab("Self-sign or local CA");
        WebElement selfSign = pages.browser.findElement(By.id("addTabs:issueForm:selfSign"));
        assertFalse(selfSign.isEnabled(), "self-sign is disabled");

        // A crafted request (the button enabled again by hand): the service refuses it.
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("addTabs:issueForm:commonName"))).sendKeys(name);
        pages.browser.executeScript("arguments[0].disabled = false; arguments[0].classList.remove('ui-state-disabled');"
                + " arguments[0].click();", selfSign);
        String message = pages.message("error");
        assertTrue(message.contains("Your role (auditor) does not allow making a self-signed certificate. "
                + "Nothing was changed."), message);
        assertEquals(0, stored(name), "nothing stored");
    }

    /**
     * The elements of the page's content that reach past the window's right edge (none: empty). The template's
     * header is not this page's; PrimeFaces' hidden native selects are not seen.
     */
    private String overflow() {
        return String.valueOf(pages.browser.executeScript("""
                var width = document.documentElement.clientWidth;
                return Array.from(document.querySelectorAll('main *'))
                    .filter(e => e.getBoundingClientRect().width > 0 && !e.closest('.ui-helper-hidden-accessible'))
                    .filter(e => e.getBoundingClientRect().right > width + 1)
                    .map(e => e.tagName + '#' + e.id + '.' + e.className + ' ends at '
                        + Math.round(e.getBoundingClientRect().right) + ' of ' + width)
                    .slice(0, 5).join('; ');"""));
    }

    @Test
    void datesAreInTheBrowsersTimeZoneWithUtcOnHoverAndThePageFitsNarrowWindows() throws Exception {
        String name = unique("zone");
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        CertgateApi.importPem(pair.certificatePem(), pair.keyPem());
        open(ItSettings.AUDITOR);
        pages.browser.executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "Asia/Kolkata"));
        for (Dimension size : List.of(new Dimension(1280, 800), new Dimension(400, 800))) {
            pages.browser.manage().window().setSize(size);
            pages.list();
            pages.filterByName(name);
            WebElement time = pages.browser.findElement(By.cssSelector("#certForm\\:certificates_data time.cg-time"));
            assertTrue(time.getText().contains("GMT+5:30"), time.getText());
            assertTrue(time.getAttribute("title").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC"),
                    time.getAttribute("title"));
            assertEquals("", overflow(), "nothing reaches past the window's edge at " + size);
            // narrow: the SANs, issuer and domains columns give way (the detail page has them)
            assertEquals(size.getWidth() > 1000, pages.browser.findElement(
                    By.cssSelector("#certForm\\:certificates_data .cg-sans")).isDisplayed(), "SANs shown at " + size);
        }
        pages.openDetails(name);
        String detail = pages.browser.findElement(By.cssSelector("#notAfter time")).getText();
        assertTrue(detail.contains("GMT+5:30"), detail);
        assertEquals("", overflow(), "the detail page fits a narrow window");
    }

    @Test
    void badIssueAndUploadInputSayWhatIsWrongAndStoreNothing() throws Exception {
        String name = unique("bad-issue");
        open(ItSettings.OPERATOR);
        long before = CertgateApi.list().body().get("total").asLong();
        tab("Self-sign or local CA");
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("addTabs:issueForm:commonName")))
                .sendKeys(name);
        WebElement validity = pages.browser.findElement(By.id("addTabs:issueForm:validityDays"));
        validity.clear();
        validity.sendKeys("a year");
        pages.browser.findElement(By.id("addTabs:issueForm:selfSign")).click();
        pages.message("error", "The validity must be a whole number of days.");

        pages.list();
        tab("Self-sign or local CA");
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("addTabs:issueForm:commonName")))
                .sendKeys("not a host name!");
        pages.browser.findElement(By.id("addTabs:issueForm:issueLocalCa")).click();
        String refused = pages.message("error", "not a host name!");
        assertFalse(refused.contains("Exception"), refused);

        pages.list();
        tab("Upload files");
        pages.wait.until(ExpectedConditions.elementToBeClickable(By.id("addTabs:uploadForm:upload"))).click();
        pages.message("error", "Choose a certificate file (PEM or DER) with its key file, or a PKCS#12 file");

        pages.list();
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        tab("Upload files");
        List<WebElement> inputs = fileInputs("uploadForm");
        pages.wait.until(ExpectedConditions.visibilityOf(inputs.get(1)));
        inputs.get(1).sendKeys(pair.key().toAbsolutePath().toString());
        pages.browser.findElement(By.id("addTabs:uploadForm:upload")).click();
        pages.message("error", "Upload the certificate file with the key file.");

        pages.list();
        tab("Upload files");
        pages.wait.until(ExpectedConditions.visibilityOf(fileInputs("uploadForm").get(0)))
                .sendKeys(pair.certificate().toAbsolutePath().toString());
        pages.browser.findElement(By.id("addTabs:uploadForm:upload")).click();
        pages.message("error", "Upload the private key file with the certificate file");
        assertEquals(before, CertgateApi.list().body().get("total").asLong(), "nothing stored");
    }

    @Test
    void anUnknownCertificateIdSaysSo() throws Exception {
        open(ItSettings.AUDITOR);
        pages.browser.get(ItSettings.HTTP + "/certgate/certificate.xhtml?id=no-such-certificate");
        String message = pages.message("error", "no-such-certificate");
        assertFalse(message.contains("Exception"), message);
        assertTrue(pages.browser.findElements(By.id("sha256")).isEmpty(), "no details");
    }
}
