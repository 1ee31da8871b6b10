package dev.certgate.client;

import dev.certgate.api.AuditAction;
import dev.certgate.api.AuditEntry;
import dev.certgate.api.AuditPage;
import dev.certgate.api.AuditQuery;
import dev.certgate.api.AuditService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code certgate audit}: the audit log, newest first, as on the Audit page (admin and auditor). */
@Command(name = "audit", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP},
        description = {"List the audit log, newest first (admin and auditor).",
                "Times: 2026-11-27 (a UTC day: --from its start, --to its end), 2026-11-27T10:00:00Z or "
                        + "2026-11-27T11:00:00+01:00."})
final class AuditCommand implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    /** Not --user: that is the user who signs in (an inherited option of every command). */
    @Option(names = {"--by", "--actor"}, paramLabel = "NAME", description = "Only the lines of what this user did.")
    String user;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. CERTIFICATE_IMPORT.")
    String action;

    @Option(names = "--from", paramLabel = "TIME", description = "Only lines at or after TIME.")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Only lines before TIME.")
    String to;

    @Option(names = "--target", paramLabel = "ID", description = "Only lines about this id or name (a certificate's "
            + "id, a user's name...).")
    String target;

    @Option(names = "--page", defaultValue = "0", description = "Page number, from 0.")
    int page;

    @Option(names = "--size", defaultValue = "50", description = "Lines per page (1-500).")
    int size;

    @Override
    public Integer call() throws Exception {
        AuditQuery query = new AuditQuery(blankToNull(user), AuditAction.parse(action), time("--from", from, false),
                time("--to", to, true), blankToNull(target), page, size);
        AuditPage found = root.call(AuditService.class, "AuditServiceBean", audit -> audit.search(query));
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(found));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AuditEntry e : found.items()) {
            rows.add(List.of(Output.minute(e.time()), e.user(), Output.orDash(e.address()), e.action().name(),
                    Output.orDash(e.target()), Output.orDash(e.summary())));
        }
        Output.table(out, List.of("TIME", "USER", "ADDRESS", "ACTION", "TARGET", "SUMMARY"), rows);
        out.println(found.items().size() + " of " + found.total() + " line(s)"
                + (found.total() > (long) (page + 1) * size ? "; more with --page" : ""));
        return ExitCodes.OK;
    }

    /**
     * An instant from what a person types: an RFC 3339 time (Z or an offset) or a UTC day; a day given to
     * {@code --to} ends with that day.
     */
    static Instant time(String option, String given, boolean end) throws Failures.UsageException {
        if (given == null || given.isBlank()) {
            return null;
        }
        String text = given.strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notATime) {
            try {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADay) {
                throw new Failures.UsageException(option + " " + given + " is not a time: give 2026-11-27 (a UTC "
                        + "day), 2026-11-27T10:00:00Z or 2026-11-27T11:00:00+01:00.");
            }
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
