package dev.certgate.client;

import dev.certgate.api.AcmeDomainView;
import dev.certgate.api.DashboardService;
import dev.certgate.api.DashboardSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code certgate summary}: the dashboard's figures and lists (any role). */
@Command(name = "summary", aliases = "dashboard", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP},
        description = "Show the dashboard: certificates by state, ACME domains, the next renewals, the latest ACME "
                + "failures and the certificates that expire soonest (any role).")
final class SummaryCommand implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    @Option(names = "--rows", defaultValue = "10", paramLabel = "N",
            description = "Rows in each list (1-50; default 10).")
    int rows;

    @Override
    public Integer call() throws Exception {
        DashboardSummary s = root.call(DashboardService.class, "DashboardServiceBean",
                dashboard -> dashboard.summary(rows));
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(s));
            return ExitCodes.OK;
        }
        Output.fields(out, List.of(
                new String[] {"at", Output.minute(s.at())},
                new String[] {"certificates", Long.toString(s.total())},
                new String[] {"valid", Long.toString(s.valid())},
                new String[] {"expiring soon", s.expiringSoon() + " (within " + DashboardService.EXPIRING_SOON_DAYS
                        + " days)"},
                new String[] {"expired", Long.toString(s.expired())},
                new String[] {"not yet valid", Long.toString(s.notYetValid())},
                new String[] {"ACME domains", Long.toString(s.acmeDomains())},
                new String[] {"ACME failing", Long.toString(s.acmeFailing())}));
        out.println();
        out.println("Next renewals:");
        List<List<String>> renewals = new ArrayList<>();
        for (AcmeDomainView d : s.nextRenewals()) {
            renewals.add(List.of(d.domain(), d.state(), Output.day(d.notAfter()), Output.minute(d.nextAttempt())));
        }
        table(out, List.of("DOMAIN", "STATE", "EXPIRES", "NEXT ATTEMPT"), renewals);
        out.println("Latest failures:");
        List<List<String>> failures = new ArrayList<>();
        for (AcmeDomainView d : s.latestFailures()) {
            failures.add(List.of(d.domain(), Output.minute(d.lastAttempt()), Integer.toString(d.failureCount()),
                    Output.orDash(d.errorCause())));
        }
        table(out, List.of("DOMAIN", "LAST ATTEMPT", "FAILURES", "CAUSE"), failures);
        out.println("Expiring soonest:");
        List<List<String>> expiring = new ArrayList<>();
        for (DashboardSummary.ExpiringCertificate c : s.expiringSoonest()) {
            expiring.add(List.of(c.id(), c.commonName(), Output.day(c.notAfter()), c.source().name()));
        }
        table(out, List.of("ID", "COMMON NAME", "EXPIRES", "SOURCE"), expiring);
        return ExitCodes.OK;
    }

    private static void table(PrintWriter out, List<String> headers, List<List<String>> rows) {
        if (rows.isEmpty()) {
            out.println("  (none)");
        } else {
            Output.table(out, headers, rows);
        }
        out.println();
    }
}
