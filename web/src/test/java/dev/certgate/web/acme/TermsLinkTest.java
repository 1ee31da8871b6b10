package dev.certgate.web.acme;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Only an https: address with a host becomes the terms-of-service link; anything a hostile directory names else is text. */
class TermsLinkTest {

    @Test
    void onlyHttpsIsLinked() {
        assertEquals("https://letsencrypt.org/documents/LE-SA-v1.5-February-24-2025.pdf", AcmeAccountSettings
                .httpsLink("https://letsencrypt.org/documents/LE-SA-v1.5-February-24-2025.pdf"));
        assertEquals("HTTPS://ca.example/terms", AcmeAccountSettings.httpsLink(" HTTPS://ca.example/terms "));
        assertNull(AcmeAccountSettings.httpsLink("javascript:alert(document.cookie)"));
        assertNull(AcmeAccountSettings.httpsLink("JavaScript:alert(1)"));
        assertNull(AcmeAccountSettings.httpsLink("data:text/plain,Do%20what%20thou%20wilt"));
        assertNull(AcmeAccountSettings.httpsLink("http://ca.example/terms"));
        assertNull(AcmeAccountSettings.httpsLink("https:///no-host"));
        assertNull(AcmeAccountSettings.httpsLink("https://user:pass@ca.example/terms"));
        assertNull(AcmeAccountSettings.httpsLink("not a url at all"));
        assertNull(AcmeAccountSettings.httpsLink(null));
    }
}
