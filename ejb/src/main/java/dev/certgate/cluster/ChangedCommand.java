package dev.certgate.cluster;

import org.wildfly.clustering.server.dispatcher.Command;

import java.io.Serial;
import java.io.Serializable;
import java.util.Objects;

/**
 * The cluster message "a change has committed": executed on every other node, where it hands over to that node's
 * {@link ChangeListener}. It carries no data beyond the sender's name: each node reads what changed from the
 * database, so a message that is lost, late or duplicated costs at most one second (the poll), never a wrong state.
 */
final class ChangedCommand implements Command<Void, ChangeListener, RuntimeException>, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String origin;

    ChangedCommand(String origin) {
        this.origin = Objects.requireNonNull(origin, "origin");
    }

    @Override
    public Void execute(ChangeListener listener) {
        listener.changed(origin);
        return null;
    }
}
