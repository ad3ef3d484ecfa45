package io.wolfpack.server.cluster;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.reconcile.FailurePolicy;
import io.wolfpack.store.ClusterMirror;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Notices node liveness changes, which no ZooKeeper watch reports (heartbeats live in memory):
 * run every second, it records the transition as an event (leader only) and tells the caller so
 * that routes drop a silent node's instances and controllers replace a dead node's.
 */
public final class NodeWatcher {
    private final ClusterMirror mirror;
    private final NodeRegistry registry;
    private final EventLog events;
    private final BooleanSupplier isLeader;
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, NodeState> last = new HashMap<>();
    private boolean massFailureAnnounced;

    public NodeWatcher(ClusterMirror mirror, NodeRegistry registry, EventLog events, BooleanSupplier isLeader) {
        this.mirror = mirror;
        this.registry = registry;
        this.events = events;
        this.isLeader = isLeader;
    }

    /** Called after a check in which some node's liveness changed. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Nodes without a recent heartbeat (suspect or down): no traffic goes to them. */
    public Set<String> silentNodes() {
        Set<String> silent = new TreeSet<>();
        for (String node : mirror.nodes().keySet()) {
            NodeState s = registry.liveness(node);
            if (s == NodeState.SUSPECT || s == NodeState.DOWN) silent.add(node);
        }
        return silent;
    }

    /** Suspect and down nodes whose instances are to be replaced now, or why not ({@link FailurePolicy}). */
    public FailurePolicy.Assessment assessment() {
        return FailurePolicy.assess(states());
    }

    private Map<String, NodeState> states() {
        Map<String, NodeState> states = new HashMap<>();
        for (String node : mirror.nodes().keySet()) states.put(node, registry.liveness(node));
        return states;
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    public synchronized void check() {
        boolean changed = false;
        int silent = 0;
        Map<String, NodeState> now = new HashMap<>();
        for (String node : mirror.nodes().keySet()) {
            NodeState s = registry.liveness(node);
            now.put(node, s);
            if (s == NodeState.DOWN || s == NodeState.SUSPECT) silent++;
            NodeState before = last.put(node, s);
            if (before == null || before == s) continue;
            changed = true;
            if (!isLeader.getAsBoolean()) continue;
            var live = registry.currentLiveness();
            if (s == NodeState.SUSPECT) {
                events.emit("node.suspect", null, null, node, "no heartbeat for " + seconds(live.suspectAfter())
                        + ": its instances leave every route and are replaced on other nodes");
            } else if (s == NodeState.DOWN) {
                events.emit("node.down", null, null, node, "no heartbeat for " + seconds(live.downAfter())
                        + ": its instances are removed (their replacements run elsewhere)");
            } else if (s == NodeState.READY) {
                events.emit("node.ready", null, null, node, "heartbeats again");
            }
        }
        last.keySet().retainAll(now.keySet());
        boolean mass = FailurePolicy.massFailure(silent, now.size());
        if (mass && !massFailureAnnounced && isLeader.getAsBoolean()) {
            events.emit("node.mass-failure", null, null, null, silent + " of " + now.size()
                    + " nodes went quiet at once: holding rescheduling (is the server cut off?) until heartbeats return");
        }
        massFailureAnnounced = mass;
        if (changed) listeners.forEach(Runnable::run);
    }
}
