package dev.certgate.gateway;

import java.util.Map;

/**
 * Which change generation each live node's gateway serves: what an ACME order waits on after publishing a challenge,
 * so that the CA, whichever node its validation reaches, finds the answer. Implemented by the cluster capability
 * from its heartbeat rows (so the gateway reads no table of theirs); unsatisfied where no capability offers it.
 */
public interface ServingNodes {

    /** This node's name, as in {@link #servedGenerations()}. */
    String localNode();

    /** The generation each live node's gateway serves, by node name (this node included). */
    Map<String, Long> servedGenerations();
}
