package io.wolfpack.server.cluster;

import io.wolfpack.core.model.NodeControl;
import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.reconcile.QuarantinePolicy;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * Quarantines hosts where instances of several services keep failing ({@link QuarantinePolicy}):
 * cordons and drains them, with an event that gives the evidence. {@code wolfpack uncordon}
 * re-admits a host; only failures after that count against it again. Runs on the leader, every
 * few seconds.
 */
public final class QuarantineWatcher {
    public static final String REASON = "quarantined";

    private final ClusterStore store;
    private final NodeRegistry registry;
    private final EventLog events;
    private final BooleanSupplier isLeader;
    private final Clock clock;
    /** When each host was last seen out of service: failures before that are not held against it. */
    private final Map<String, Instant> admittedAt = new HashMap<>();

    public QuarantineWatcher(ClusterStore store, NodeRegistry registry, EventLog events, BooleanSupplier isLeader, Clock clock) {
        this.store = store;
        this.registry = registry;
        this.events = events;
        this.isLeader = isLeader;
        this.clock = clock;
    }

    public synchronized void check() {
        if (!isLeader.getAsBoolean()) return;
        ClusterMirror mirror = store.mirror();
        Instant now = clock.instant();
        Map<String, NodeControl> controls = mirror.nodeControls();
        Set<String> nodes = mirror.nodes().keySet();
        Set<String> candidates = new HashSet<>();
        int outOfService = 0;
        for (String node : nodes) {
            if (controls.containsKey(node)) {
                outOfService++;
                admittedAt.put(node, now);
            } else if (registry.liveness(node) == NodeState.READY) {
                candidates.add(node);
            }
        }
        admittedAt.keySet().retainAll(nodes);
        Instant windowStart = now.minus(QuarantinePolicy.WINDOW);
        Map<String, Map<String, Integer>> failures = registry.failuresByService(node -> {
            Instant admitted = admittedAt.get(node);
            return admitted != null && admitted.isAfter(windowStart) ? admitted : windowStart;
        });
        for (QuarantinePolicy.Verdict v : QuarantinePolicy.decide(failures, candidates, nodes, outOfService)) {
            // The evidence first: whoever sees the host quarantined can read why.
            events.emit("node.quarantined", null, null, v.node(), "cordoned and draining: " + v.evidence()
                    + ". Re-admit it with: wolfpack uncordon " + v.node());
            store.putNodeControl(v.node(), new NodeControl(v.node(), true, true, now, REASON));
            admittedAt.put(v.node(), now);
        }
    }
}
