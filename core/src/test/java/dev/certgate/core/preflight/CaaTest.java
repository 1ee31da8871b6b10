package dev.certgate.core.preflight;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.certgate.core.preflight.Caa.Verdict.FORBIDDEN;
import static dev.certgate.core.preflight.Caa.Verdict.PERMITTED;
import static dev.certgate.core.preflight.Caa.Verdict.UNKNOWN_CA;
import static dev.certgate.core.preflight.Caa.Verdict.UNRESTRICTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class CaaTest {

    private static final List<String> LETS_ENCRYPT = List.of("letsencrypt.org");

    private static Caa.Record issue(String value) {
        return new Caa.Record(0, "issue", value);
    }

    @Test
    void noRecordsOrNoIssuePropertyLeaveEveryCaFree() {
        assertEquals(UNRESTRICTED, Caa.verdict(List.of(), false, LETS_ENCRYPT));
        assertEquals(UNRESTRICTED, Caa.verdict(List.of(new Caa.Record(0, "iodef", "mailto:x@example.com")), false,
                LETS_ENCRYPT));
    }

    @Test
    void anIssueRecordPermitsItsCaOnlyWithParametersAndCaseIgnored() {
        assertEquals(PERMITTED, Caa.verdict(List.of(issue("LetsEncrypt.org; validationmethods=http-01")), false,
                LETS_ENCRYPT));
        assertEquals(FORBIDDEN, Caa.verdict(List.of(issue("sectigo.com")), false, LETS_ENCRYPT));
        assertEquals(PERMITTED, Caa.verdict(List.of(issue("sectigo.com"), issue("letsencrypt.org")), false,
                LETS_ENCRYPT));
    }

    @Test
    void anEmptyIssuerForbidsEveryCa() {
        assertEquals(FORBIDDEN, Caa.verdict(List.of(issue(";")), false, LETS_ENCRYPT));
        assertEquals(FORBIDDEN, Caa.verdict(List.of(issue(";")), false, List.of()), "known without the CA's name");
    }

    @Test
    void issuewildGovernsWildcardsWhenPresentElseIssue() {
        List<Caa.Record> records = List.of(issue("letsencrypt.org"), new Caa.Record(0, "issuewild", ";"));
        assertEquals(PERMITTED, Caa.verdict(records, false, LETS_ENCRYPT));
        assertEquals(FORBIDDEN, Caa.verdict(records, true, LETS_ENCRYPT));
        assertEquals(PERMITTED, Caa.verdict(List.of(issue("letsencrypt.org")), true, LETS_ENCRYPT));
    }

    @Test
    void aCriticalUnknownTagForbidsEveryCa() {
        assertEquals(FORBIDDEN, Caa.verdict(List.of(issue("letsencrypt.org"), new Caa.Record(128, "tbs", "x")),
                false, LETS_ENCRYPT));
        assertEquals(PERMITTED, Caa.verdict(List.of(issue("letsencrypt.org"), new Caa.Record(0, "tbs", "x")),
                false, LETS_ENCRYPT), "not critical: ignored");
    }

    @Test
    void aCaWithoutIdentityCannotBeJudged() {
        assertEquals(UNKNOWN_CA, Caa.verdict(List.of(issue("letsencrypt.org")), false, List.of()));
    }
}
