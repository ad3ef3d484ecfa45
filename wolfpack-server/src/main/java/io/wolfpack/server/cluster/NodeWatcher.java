package io.wolfpack.server.cluster;

import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.reconcile.FailurePolicy;
import io.wolfpack.store.ClusterMirror;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Notices node liveness changes, which no ZooKeeper watch reports (heartbeats live in memory):
 * run every 250 ms, it records the transition as an event (leader only) and tells the caller so
 * that routes drop a silent node's instances and controllers replace a dead node's.
 */
public final class NodeWatcher {
    private final ClusterMirror mirror;
    private final NodeRegistry registry;
    private final EventLog events;
    private final BooleanSupplier isLeader;
    private final Clock clock;
    private final List<Consumer<Set<String>>> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, NodeState> last = new HashMap<>();
    private boolean massFailureAnnounced;
    /** What the last check saw, shared with readers until the next one. */
    private volatile Seen seen;

    record Seen(Set<String> silent, FailurePolicy.Assessment assessment) {
    }

    public NodeWatcher(ClusterMirror mirror, NodeRegistry registry, EventLog events, BooleanSupplier isLeader,
                       Clock clock) {
        this.mirror = mirror;
        this.clock = clock;
        this.registry = registry;
        this.events = events;
        this.isLeader = isLeader;
    }

    /**
     * Called after a check in which some node's liveness changed, with those nodes; with every
     * node when replacing was held back or resumed (that concerns every silent node).
     */
    public void onChange(Consumer<Set<String>> listener) {
        listeners.add(listener);
    }

    /** Nodes without a recent heartbeat (suspect or down): no traffic goes to them. As of the last check. */
    public Set<String> silentNodes() {
        return current().silent();
    }

    /**
     * Suspect and down nodes whose instances are to be replaced now, or why not ({@link FailurePolicy}).
     * As of the last check: asked on every status change, it must not walk the whole fleet each time.
     */
    public FailurePolicy.Assessment assessment() {
        return current().assessment();
    }

    private Seen current() {
        Seen s = seen;
        if (s != null) return s;
        synchronized (this) {
            if (seen == null) seen = judge(states());
            return seen;
        }
    }

    /**
     * When silence is held to be no host failure (no node heartbeats, or more than a third are
     * silent: more likely this server is cut off, or too busy to take heartbeats, than the hosts
     * are gone), routes keep every instance: there is nothing better to send traffic to, and
     * routers eject by themselves what does not answer.
     */
    static Seen judge(Map<String, NodeState> states) {
        FailurePolicy.Assessment assessment = FailurePolicy.assess(states);
        Set<String> silent = new TreeSet<>();
        if (!assessment.held()) {
            states.forEach((node, s) -> {
                if (s == NodeState.SUSPECT || s == NodeState.DOWN) silent.add(node);
            });
        }
        return new Seen(Collections.unmodifiableSet(silent), assessment);
    }

    private Map<String, NodeState> states() {
        Map<String, NodeState> states = new HashMap<>();
        var live = registry.currentLiveness();
        var at = clock.instant();
        for (String node : mirror.nodeNames()) states.put(node, registry.liveness(node, live, at));
        return states;
    }

    private static String seconds(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : String.format(java.util.Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }

    public synchronized void check() {
        Set<String> changed = new TreeSet<>();
        Map<String, NodeState> now = states();
        int silent = 0;
        var live = registry.currentLiveness();
        java.time.Duration lag = registry.ownLag();
        String ownLag = lag.isZero() ? "" : " (" + seconds(lag) + " of it this server's own lag in answering reports)";
        List<Event> happened = new ArrayList<>();
        boolean leader = isLeader.getAsBoolean();
        for (Map.Entry<String, NodeState> e : now.entrySet()) {
            String node = e.getKey();
            NodeState s = e.getValue();
            if (s == NodeState.DOWN || s == NodeState.SUSPECT) silent++;
            NodeState before = last.put(node, s);
            if (before == null || before == s) continue;
            changed.add(node);
            if (!leader) continue;
            if (s == NodeState.SUSPECT) {
                happened.add(events.event("node.suspect", null, null, node, "no heartbeat for " + seconds(live.suspectAfter())
                        + ownLag + ": its instances leave every route and are replaced on other nodes"));
            } else if (s == NodeState.DOWN) {
                happened.add(events.event("node.down", null, null, node, "no heartbeat for " + seconds(live.downAfter())
                        + ownLag + ": its instances are removed (their replacements run elsewhere)"));
            } else if (s == NodeState.READY) {
                happened.add(events.event("node.ready", null, null, node, "heartbeats again"));
            }
        }
        last.keySet().retainAll(now.keySet());
        Seen before = seen;
        seen = judge(now);
        if (before != null && before.assessment().held() != seen.assessment().held()) changed.addAll(now.keySet());
        boolean mass = FailurePolicy.massFailure(silent, now.size());
        if (mass && !massFailureAnnounced && leader) {
            happened.add(events.event("node.mass-failure", null, null, null, silent + " of " + now.size()
                    + " nodes went quiet at once: holding rescheduling (is the server cut off?) until heartbeats return"));
        }
        massFailureAnnounced = mass;
        // Many nodes may change at once (a rack, a slow server): one write for all their events.
        events.emitAll(happened);
        if (!changed.isEmpty()) listeners.forEach(l -> l.accept(changed));
    }
}
