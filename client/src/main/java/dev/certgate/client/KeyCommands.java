package dev.certgate.client;

import dev.certgate.api.InstanceKeyEntry;
import dev.certgate.api.InstanceKeyService;
import dev.certgate.api.InstanceKeyStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code certgate key ...}: the instance keyring and its staged rotation. {@code status} for any role; the steps for
 * admins: on a cluster {@code stage}, copy the keyring file to every node, {@code activate}, {@code rewrap},
 * {@code retire}; on one node {@code rotate} does all four.
 */
@Command(name = "key", description = "The instance keyring: status (any role); stage, activate, rewrap, retire, "
        + "rotate (admin).", mixinStandardHelpOptions = true, footer = {"", ExitCodes.HELP})
final class KeyCommands implements Callable<Integer> {

    @ParentCommand
    private Certgate root;

    @Override
    public Integer call() {
        root.out().println("Commands: status, stage, activate, rewrap, retire, rotate (certgate key --help).");
        return ExitCodes.BAD_INPUT;
    }

    @Command(name = "status", description = "The active key, every key of the keyring and what it seals.")
    int status() throws Exception {
        return show(root.call(InstanceKeyService.class, "InstanceKeyServiceBean", InstanceKeyService::status));
    }

    @Command(name = "stage", description = "Make a new key and add it to this node's keyring file; copy that file "
            + "to every node before activating it.")
    int stage() throws Exception {
        return show(root.call(InstanceKeyService.class, "InstanceKeyServiceBean", InstanceKeyService::stage));
    }

    @Command(name = "activate", description = "Seal under the staged key from now on, on every node (refused while "
            + "a live node lacks it).")
    int activate() throws Exception {
        return show(root.call(InstanceKeyService.class, "InstanceKeyServiceBean", InstanceKeyService::activate));
    }

    @Command(name = "rewrap", description = "Re-seal every stored key under the active key, in batches.")
    int rewrap() throws Exception {
        return show(root.call(InstanceKeyService.class, "InstanceKeyServiceBean", InstanceKeyService::rewrap));
    }

    @Command(name = "retire", description = "Remove the previous key from the keyring (refused while a stored key "
            + "or a live node uses it).")
    int retire() throws Exception {
        return show(root.call(InstanceKeyService.class, "InstanceKeyServiceBean", InstanceKeyService::retire));
    }

    @Command(name = "rotate", description = "On one node: stage, activate, rewrap and retire in one go.")
    int rotate() throws Exception {
        return show(root.call(InstanceKeyService.class, "InstanceKeyServiceBean", InstanceKeyService::rotate));
    }

    private int show(InstanceKeyStatus status) {
        PrintWriter out = root.out();
        if (root.json()) {
            out.println(Json.write(status));
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        for (InstanceKeyEntry key : status.keys()) {
            rows.add(List.of(key.keyId(), key.state().name().toLowerCase(Locale.ROOT), key.heldHere() ? "yes" : "NO",
                    String.valueOf(key.sealedKeys())));
        }
        Output.table(out, List.of("KEY", "STATE", "HELD HERE", "SEALED"), rows);
        out.println("Active key " + status.kekId() + (status.supplied() ? " (supplied by the operator)" : "") + "; "
                + status.sealedKeys() + " certificate key(s) sealed under it.");
        if (!status.problem().isEmpty()) {
            out.println(status.problem());
        }
        if (!status.unreadableCertificates().isEmpty()) {
            out.println("Sealed under a key this node does not hold: "
                    + String.join(", ", status.unreadableCertificates()));
        }
        if (!status.problem().isEmpty() || !status.unreadableCertificates().isEmpty()) {
            return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
    }
}
