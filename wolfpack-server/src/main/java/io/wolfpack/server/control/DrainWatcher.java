package io.wolfpack.server.control;

import io.wolfpack.core.model.Instance;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterMirror;

import java.util.HashSet;
import java.util.Set;

/** Announces, once, when a draining node has no instances left. Run periodically by the leader. */
public final class DrainWatcher {
    private final ClusterMirror mirror;
    private final EventLog events;
    private final Set<String> announced = new HashSet<>();

    public DrainWatcher(ClusterMirror mirror, EventLog events) {
        this.mirror = mirror;
        this.events = events;
    }

    public synchronized void check() {
        Set<String> draining = new HashSet<>();
        mirror.nodeControls().forEach((node, c) -> {
            if (c.draining()) draining.add(node);
        });
        announced.retainAll(draining);
        Set<String> busy = new HashSet<>();
        for (Instance i : mirror.allInstances()) busy.add(i.node());
        for (String node : draining) {
            if (!busy.contains(node) && announced.add(node)) {
                events.emit("node.drained", null, null, node, "no instances left; 'uncordon' lets it take work again");
            }
        }
    }
}
