package dev.certgate.client;

import dev.certgate.api.NodeService;
import dev.certgate.api.NodeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code certgate node list}: the nodes of the installation, as the Cluster page shows them (any role). */
@Command(name = "node", description = "List the nodes of the installation: up or down, up to date or lagging "
        + "(any role).", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class NodeCommands implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    @Override
    public Integer call() {
        root.out().println("Commands: list (certgate node --help).");
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "list", description = "List the nodes by name. A node silent for more than "
            + NodeService.DOWN_AFTER_SECONDS + " s is down; one serving an older change generation lags.")
    int list() throws Exception {
        List<NodeView> nodes = root.call(NodeService.class, "NodeServiceBean", NodeService::nodes);
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(nodes));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (NodeView n : nodes) {
            rows.add(List.of(n.name(), state(n), n.generation() + " / " + n.currentGeneration(),
                    n.secondsSinceHeartbeat() + " s ago", Output.minute(n.startedAt()), n.version(),
                    Output.list(n.keyIds()), Output.list(n.sealingKeyIds())));
        }
        Output.table(out, List.of("NODE", "STATE", "GENERATION", "HEARTBEAT", "STARTED", "VERSION", "KEYS",
                "SEALS UNDER"), rows);
        out.println(nodes.size() + " node(s), " + nodes.stream().filter(NodeView::up).count() + " up");
        return ExitCodes.OK;
    }

    private static String state(NodeView node) {
        if (!node.up()) {
            return "down";
        }
        return node.upToDate() ? "up to date" : "lagging";
    }
}
