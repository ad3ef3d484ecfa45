package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.NodeState;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which down nodes have their instances replaced. When many nodes go quiet at once it is more
 * likely the server that lost the network than the hosts that died, and rescheduling everything
 * would be a stampede onto the few nodes left: so while more than a third of the nodes (and more
 * than one) are down, nothing is rescheduled; the instances stay out of the routes, and work
 * resumes when heartbeats return or the operator acts. Nothing is rescheduled either while no node
 * is ready to take it (a one-node cluster whose agent went quiet, a laptop waking from sleep):
 * removing instances that cannot be placed anywhere would only restart them later.
 */
public final class FailurePolicy {
    private FailurePolicy() {
    }

    /** The down nodes whose instances should be replaced now (empty during a mass failure). */
    public static Set<String> replaceable(Map<String, NodeState> states) {
        Set<String> down = new TreeSet<>();
        states.forEach((node, state) -> {
            if (state == NodeState.DOWN) down.add(node);
        });
        boolean anyReady = states.containsValue(NodeState.READY);
        return !anyReady || massFailure(down.size(), states.size()) ? Set.of() : down;
    }

    public static boolean massFailure(int down, int total) {
        return down > 1 && down * 3 > total;
    }
}
