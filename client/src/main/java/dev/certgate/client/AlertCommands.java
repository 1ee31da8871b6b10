package dev.certgate.client;

import dev.certgate.api.AlertChannelSpec;
import dev.certgate.api.AlertChannelView;
import dev.certgate.api.AlertCheckResult;
import dev.certgate.api.AlertDeliveryView;
import dev.certgate.api.AlertService;
import dev.certgate.api.AlertView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code certgate alert ...}: where alerts go (e-mail addresses, webhooks), a test alert, the delivery logs, the
 * alerts raised and the check run now — the Alerts page's operations. Reading needs any role; changing needs admin
 * or operator.
 */
@Command(name = "alert", description = "Manage where alerts go (e-mail, webhooks), send a test alert, read the "
        + "alerts and delivery logs.", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class AlertCommands implements Callable<Integer> {

    static final String SECRET_ENV = "CERTGATE_WEBHOOK_SECRET";
    private static final String BEAN = "AlertServiceBean";

    @ParentCommand
    private Certgate root;

    @Override
    public Integer call() {
        root.out().println("Commands: list, add-email, add-webhook, remove, test, log, recent, check "
                + "(certgate alert --help).");
        return ExitCodes.BAD_INPUT;
    }

    private <T> T call(RemoteCall<AlertService, T> call) throws Exception {
        return root.call(AlertService.class, BEAN, call);
    }

    @Command(name = "list", description = "List the channels alerts go to, with how their last delivery went.")
    int list() throws Exception {
        List<AlertChannelView> channels = call(AlertService::channels);
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(channels));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AlertChannelView c : channels) {
            rows.add(List.of(c.id(), c.type(), target(c), c.status(), Output.minute(c.lastDelivery()),
                    Output.orDash(c.lastError()), Output.orDash(c.description())));
        }
        Output.table(out, List.of("ID", "TYPE", "ADDRESS OR URL", "STATUS", "LAST DELIVERY", "LAST ERROR",
                "DESCRIPTION"), rows);
        out.println(channels.size() + " channel(s)" + (channels.isEmpty() ? ": alerts reach nobody" : ""));
        return ExitCodes.OK;
    }

    @Command(name = "add-email", description = "Send alerts to an e-mail address (through the server's mail "
            + "session).")
    int addEmail(@Parameters(paramLabel = "ADDRESS", description = "e.g. ops@example.com") String address,
                 @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        return added(call(s -> s.addChannel(AlertChannelSpec.email(address, description))));
    }

    @Command(name = "add-webhook", description = "POST alerts as JSON to a URL, signed with a secret "
            + "(X-Certgate-Signature: sha256=<hex HMAC-SHA256 of the body>). The secret (at least "
            + AlertService.MIN_SECRET_LENGTH + " characters) comes from the first line of standard input with "
            + "--secret-stdin, else $" + SECRET_ENV + ", else it is asked without echo.")
    int addWebhook(@Parameters(paramLabel = "URL", description = "http:// or https://") String url,
                   @Option(names = "--secret-stdin", description = "Read the secret from the first line of "
                           + "standard input.") boolean fromStdin,
                   @Option(names = "--description", paramLabel = "TEXT") String description) throws Exception {
        char[] secret = secret(fromStdin);
        try {
            String text = new String(secret);
            return added(call(s -> s.addChannel(AlertChannelSpec.webhook(url, text, description))));
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private static char[] secret(boolean fromStdin) throws Exception {
        if (fromStdin) {
            return Secrets.firstLine(System.in, "webhook secret");
        }
        String fromEnvironment = System.getenv(SECRET_ENV);
        if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
            return fromEnvironment.toCharArray();
        }
        return Secrets.ask("webhook secret", true, "use --secret-stdin or set " + SECRET_ENV);
    }

    private int added(AlertChannelView channel) {
        if (root.json()) {
            root.out().println(Json.write(channel));
        } else {
            root.out().println("Alerts now go to " + target(channel) + " (channel " + channel.id() + ").");
        }
        return ExitCodes.OK;
    }

    @Command(name = "remove", description = "Stop sending alerts to a channel (its delivery log goes too).")
    int remove(@Parameters(paramLabel = "ID") String id) throws Exception {
        call(s -> {
            s.deleteChannel(id);
            return null;
        });
        root.out().println("Removed the channel " + id + ".");
        return ExitCodes.OK;
    }

    @Command(name = "test", description = "Send a test alert to a channel now; exits 1 when it did not get through.")
    int test(@Parameters(paramLabel = "ID") String id) throws Exception {
        AlertDeliveryView sent = call(s -> s.sendTest(id));
        if (root.json()) {
            root.out().println(Json.write(sent));
        } else {
            root.out().println(("SENT".equals(sent.outcome()) ? "Sent" : "Failed") + " after " + sent.attempts()
                    + " attempt(s)" + (sent.detail() == null ? "." : ": " + sent.detail()));
        }
        return "SENT".equals(sent.outcome()) ? ExitCodes.OK : ExitCodes.ERROR;
    }

    @Command(name = "log", description = "A channel's delivery log, newest first.")
    int log(@Parameters(paramLabel = "ID") String id,
            @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                    description = "At most this many lines (1 to 500; default 50).") int limit) throws Exception {
        List<AlertDeliveryView> log = call(s -> s.deliveries(id, limit));
        if (root.json()) {
            root.out().println(Json.write(log));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AlertDeliveryView d : log) {
            rows.add(List.of(Output.minute(d.attemptedAt()), d.outcome(), Integer.toString(d.attempts()),
                    Integer.toString(d.alerts()), d.subject(), Output.orDash(d.detail())));
        }
        Output.table(root.out(), List.of("WHEN", "OUTCOME", "ATTEMPTS", "ALERTS", "SUBJECT", "DETAIL"), rows);
        return ExitCodes.OK;
    }

    @Command(name = "recent", description = "The alerts raised in the last days, newest first.")
    int recent(@Option(names = "--days", paramLabel = "N", defaultValue = "7",
            description = "1 to 90 (default 7).") int days) throws Exception {
        List<AlertView> alerts = call(s -> s.recent(days));
        if (root.json()) {
            root.out().println(Json.write(alerts));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (AlertView a : alerts) {
            rows.add(List.of(Output.minute(a.raisedAt()), a.severity(), a.kind(), a.subject()));
        }
        Output.table(root.out(), List.of("RAISED", "SEVERITY", "KIND", "SUBJECT"), rows);
        root.out().println(alerts.size() + " alert(s) in the last " + days + " day(s)");
        return ExitCodes.OK;
    }

    @Command(name = "check", description = "Run the alert check now, as its timer does.")
    int check() throws Exception {
        AlertCheckResult result = call(AlertService::checkNow);
        if (root.json()) {
            root.out().println(Json.write(result));
        } else if (!result.ran()) {
            root.out().println("Another node is running the check right now; nothing was done here.");
        } else {
            root.out().println("Raised " + result.raised() + " alert(s): " + result.delivered() + " message(s) "
                    + "delivered, " + result.failed() + " failed.");
        }
        return ExitCodes.OK;
    }

    private static String target(AlertChannelView channel) {
        return "EMAIL".equals(channel.type()) ? channel.address() : channel.url();
    }
}
