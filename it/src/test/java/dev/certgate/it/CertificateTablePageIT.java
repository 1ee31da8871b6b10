package dev.certgate.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The certificate table with 10 000 more certificates in the database: paging, sorting and filtering are done by the
 * database and each answers quickly. The rows are inserted with SQL (one statement, MariaDB's sequence engine), all
 * with the same real certificate as their chain and random bytes as their sealed key: only listing is exercised, the
 * gateway never opens them (it refreshes on changes made through the service, and this test makes none), and they
 * are deleted when the test ends.
 */
class CertificateTablePageIT {

    private static final int ROWS = 10_000;
    /** The longest a table answer may take here (the machine is shared; a quiet one answers in a fraction). */
    private static final Duration QUICK = Duration.ofSeconds(4);
    private static final String SEEDER = "it-table-seed";
    /** In every seeded name, so that a filter on it shows exactly the seeded rows. */
    private static final String TAG = "t" + UUID.randomUUID().toString().substring(0, 6);

    @TempDir
    static Path dir;

    private CertificatePages pages;

    @BeforeAll
    static void seed() throws Exception {
        Openssl.Pair pair = Openssl.selfSigned(dir, "seed.table.test", "ec");
        String chain = Files.readString(pair.certificate());
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = Database.connect()) {
            c.setAutoCommit(false);
            // per seq: a tenth expired, two tenths expiring within 30 days, the rest valid for 31-730 days;
            // sources in turn; every 5th has a second name
            try (PreparedStatement st = c.prepareStatement("""
                    INSERT INTO certificate (id, common_name, issuer, serial_number, not_before, not_after,
                        fingerprint_sha256, key_algorithm, key_size, chain_pem, chain_length, kek_id,
                        wrapped_data_key, key_ciphertext, source, self_signed, created_at, created_by, version)
                    SELECT CONCAT(?, '-', LPAD(seq, 8, '0'), '-', SUBSTR(MD5(RAND()), 1, 19)),
                        CONCAT('s', LPAD(seq, 5, '0'), '.', ?, '.table.test'), 'CN=certgate table test CA',
                        UPPER(SUBSTR(SHA1(CONCAT(?, seq)), 1, 32)), ? - INTERVAL 400 DAY,
                        CASE WHEN seq % 10 = 0 THEN ? - INTERVAL (seq % 30 + 1) DAY
                             WHEN seq % 10 IN (1, 2) THEN ? + INTERVAL (seq % 28 + 1) DAY
                             ELSE ? + INTERVAL (31 + seq % 700) DAY END,
                        SHA2(CONCAT(?, '-', seq), 256), 'EC', 256, ?, 1, 'it-table-seed', RANDOM_BYTES(60),
                        RANDOM_BYTES(166),
                        ELT(seq % 4 + 1, 'UPLOADED', 'SELF_SIGNED', 'LOCAL_CA', 'ACME'), FALSE,
                        ? - INTERVAL seq SECOND, ?, 0
                    FROM seq_1_to_ROWS""".replace("ROWS", Integer.toString(ROWS)))) {
                st.setString(1, TAG);
                st.setString(2, TAG);
                st.setString(3, TAG);
                for (int i = 4; i <= 7; i++) {
                    st.setTimestamp(i, now);
                }
                st.setString(8, TAG);
                st.setString(9, chain);
                st.setTimestamp(10, now);
                st.setString(11, SEEDER);
                assertEquals(ROWS, st.executeUpdate());
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO certificate_name (certificate_id, position, name) SELECT id, 0, "
                        + "common_name FROM certificate WHERE created_by = '" + SEEDER + "'");
                st.executeUpdate("INSERT INTO certificate_name (certificate_id, position, name) SELECT id, 1, "
                        + "CONCAT('alt-', common_name) FROM certificate WHERE created_by = '" + SEEDER + "' "
                        + "AND CAST(SUBSTR(common_name, 2, 5) AS UNSIGNED) % 5 = 0");
            }
            c.commit();
        }
    }

    @AfterAll
    static void removeSeed() throws Exception {
        try (Connection c = Database.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM certificate WHERE created_by = '" + SEEDER + "'");
        }
    }

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

    private String report() {
        return pages.browser.findElement(By.cssSelector("#certForm\\:certificates .ui-paginator-current")).getText();
    }

    /** Runs {@code action}, waits until the table's report reads {@code expected}, and returns how long it took. */
    private Duration timed(Runnable action, String expected, List<String> timings, String what) {
        long start = System.nanoTime();
        action.run();
        pages.wait.until(driver -> report().equals(expected) && !pages.isBusy());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        timings.add(what + " " + took.toMillis() + " ms");
        assertTrue(took.compareTo(QUICK) < 0, what + " took " + took.toMillis() + " ms");
        return took;
    }

    private String firstName() {
        return pages.commonNames().get(0);
    }

    private static String name(int seq) {
        return "s%05d.%s.table.test".formatted(seq, TAG);
    }

    private void choose(String filterId, String label) {
        new Select(pages.browser.findElement(By.id("certForm:certificates:" + filterId))).selectByVisibleText(label);
    }

    private void sortByName() {
        pages.browser.findElement(By.cssSelector("#certForm\\:certificates\\:name .ui-column-title")).click();
    }

    @Test
    void pagesSortsAndFiltersTenThousandRowsInTheDatabase() throws Exception {
        List<String> timings = new ArrayList<>();
        pages = CertificatePages.open(ItSettings.AUDITOR, dir.resolve("downloads"));
        assertTrue(Integer.parseInt(report().replaceAll(".* of ", "")) >= ROWS, report());

        WebElement filter = pages.browser.findElement(By.cssSelector("#certForm\\:certificates\\:name .ui-column-filter"));
        timed(() -> filter.sendKeys(TAG), "1–25 of 10000", timings, "filter by name");

        timed(this::sortByName, "1–25 of 10000", timings, "sort by name");
        pages.wait.until(driver -> firstName().equals(name(1)));
        assertEquals(name(25), pages.commonNames().get(24));
        timed(() -> pages.browser.findElement(By.cssSelector("#certForm\\:certificates .ui-paginator-next")).click(),
                "26–50 of 10000", timings, "next page");
        assertEquals(name(26), firstName());
        timed(() -> pages.browser.findElement(By.cssSelector("#certForm\\:certificates .ui-paginator-last")).click(),
                "9976–10000 of 10000", timings, "last page");
        assertEquals(name(ROWS), pages.commonNames().get(24));
        // descending: the last name first (sorting goes back to the first page)
        long start = System.nanoTime();
        sortByName();
        pages.wait.until(driver -> !pages.isBusy() && report().startsWith("1–25") && firstName().equals(name(ROWS)));
        timings.add("sort descending " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms");

        timed(() -> choose("stateFilter", "Expired"), "1–25 of 1000", timings, "state: expired");
        assertTrue(pages.browser.findElements(By.cssSelector("#certForm\\:certificates_data tr[data-ri]")).stream()
                .allMatch(row -> !row.findElements(By.cssSelector(".cg-not-after.cg-expired")).isEmpty()),
                "every row shows an expired date");
        timed(() -> choose("stateFilter", "Expiring (under 30 days)"), "1–25 of 2000", timings, "state: expiring");
        assertTrue(pages.browser.findElements(By.cssSelector("#certForm\\:certificates_data tr[data-ri]")).stream()
                .allMatch(row -> !row.findElements(By.cssSelector(".cg-not-after.cg-expiring")).isEmpty()),
                "every row shows an expiring date");
        timed(() -> choose("stateFilter", "Any state"), "1–25 of 10000", timings, "state: any");
        timed(() -> choose("sourceFilter", "LOCAL_CA"), "1–25 of 2500", timings, "source: LOCAL_CA");
        assertTrue(pages.browser.findElements(By.cssSelector("#certForm\\:certificates_data .cg-source")).stream()
                .allMatch(cell -> cell.getText().equals("LOCAL_CA")));

        // a second name (SAN) is found too: every 5th certificate has alt-<name>
        filter.clear();
        timed(() -> filter.sendKeys("alt-s0001"), "1–1 of 1", timings, "filter by SAN and source");
        System.getLogger(CertificateTablePageIT.class.getName()).log(System.Logger.Level.INFO,
                "certificate table with " + ROWS + " seeded rows: " + String.join(", ", timings));
    }
}
