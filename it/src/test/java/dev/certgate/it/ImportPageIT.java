package dev.certgate.it;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The certificates page's "Paste PEM" form in a real Chromium: paste, submit, see the row or the message. */
class ImportPageIT {

    @TempDir
    Path dir;

    private CertificatePages pages;

    @BeforeEach
    void openPage() throws Exception {
        pages = CertificatePages.open(ItSettings.OPERATOR, dir.resolve("downloads"));
    }

    @AfterEach
    void closeBrowser() {
        if (pages != null) {
            try {
                pages.assertNoConsoleErrors();
            } finally {
                pages.close();
            }
        }
    }

    @Test
    void pastedCertificateAppearsInTheTable() throws Exception {
        String name = "page-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");

        paste(pair.certificatePem(), pair.keyPem());

        pages.message("info", "Stored the certificate for " + name);
        pages.filterByName(name);
        assertEquals(List.of(name), pages.commonNames(), "the new row is in the table");
        // The key is never shown back, and the form is ready for the next certificate.
        assertEquals("", pages.browser.findElement(By.id("addTabs:importForm:privateKey")).getAttribute("value"));
        assertFalse(pages.browser.getPageSource().contains("PRIVATE KEY-----\n"), "no key text in the page");

        // Still there after a reload: it was stored, not only shown.
        pages.list();
        pages.filterByName(name);
        assertEquals(List.of(name), pages.commonNames());
    }

    @Test
    void mismatchedKeyShowsAClearMessageAndStoresNothing() throws Exception {
        String name = "mismatch-" + UUID.randomUUID().toString().substring(0, 8) + ".test";
        Openssl.Pair pair = Openssl.selfSigned(dir, name, "ec");
        Openssl.Pair other = Openssl.selfSigned(dir, "other-" + name, "ec");

        paste(pair.certificatePem(), other.keyPem());

        String message = pages.message("error", "The private key does not match the certificate for " + name + ".");
        assertFalse(message.contains("Exception"), message);
        pages.list();
        pages.filterByName(name);
        assertEquals(List.of(), pages.commonNames(), "nothing was stored");
    }

    @Test
    void emptyFormSaysWhatIsMissing() {
        pages.browser.findElement(By.id("addTabs:importForm:save")).click();
        assertTrue(pages.message("error", "The certificate chain is empty.").contains("The certificate chain is empty."));
    }

    private void paste(String certificatePem, String keyPem) {
        pages.paste("addTabs:importForm:chain", certificatePem);
        pages.paste("addTabs:importForm:privateKey", keyPem);
        pages.browser.findElement(By.id("addTabs:importForm:save")).click();
    }
}
