package dev.certgate.web.cluster;

import dev.certgate.api.NodeService;
import dev.certgate.api.NodeView;
import dev.certgate.web.PageActions;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/** The Cluster page: every node of the installation, up or down, up to date or lagging (any role). */
@Named
@ViewScoped
public class ClusterPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @EJB
    private NodeService nodeService;

    private List<NodeView> nodes = List.of();
    private Instant readAt;

    @PostConstruct
    void load() {
        refresh();
    }

    /** Reads the node list again. */
    public void refresh() {
        PageActions.run("reading the node list", "every signed-in user may read the node list.", () -> {
            nodes = nodeService.nodes();
            readAt = Instant.now();
            return null;
        });
    }

    public List<NodeView> getNodes() {
        return nodes;
    }

    public Instant getReadAt() {
        return readAt;
    }

    /** The latest committed change generation, as of the reading (0 when there is no node row yet). */
    public long getCurrentGeneration() {
        return nodes.isEmpty() ? 0 : nodes.get(0).currentGeneration();
    }

    public long getUpCount() {
        return nodes.stream().filter(NodeView::up).count();
    }

    /** The node's key ids, comma-separated, or "none". */
    public String keys(NodeView node) {
        return node.keyIds().isEmpty() ? "none" : String.join(", ", node.keyIds());
    }

    /** The key ids the node seals under now, comma-separated, or "none" (it lacks the active key). */
    public String sealing(NodeView node) {
        return node.sealingKeyIds().isEmpty() ? "none" : String.join(", ", node.sealingKeyIds());
    }

    public int getDownAfterSeconds() {
        return NodeService.DOWN_AFTER_SECONDS;
    }
}
