package dev.certgate.cluster;

/** What a node does when another node announces a committed change: catch up with the database. */
@FunctionalInterface
public interface ChangeListener {

    /**
     * Called on the receiving node, on a JGroups thread: must return at once.
     *
     * @param origin the announcing node's name
     */
    void changed(String origin);
}
