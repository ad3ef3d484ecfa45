package io.wolfpack.server.cluster;

import io.wolfpack.core.model.HeartbeatPolicy;
import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.model.NodeState;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What changes every second per node and need not survive a restart, kept in memory: heartbeats,
 * load, and recent instance failures (the scheduler prefers hosts in better condition). Nodes
 * known from ZooKeeper count as heard from at server start, so a restarted server does not call
 * every node down before its agents had a chance to report.
 */
public final class NodeRegistry {
    /** How far back instance failures count against a node's condition. */
    public static final Duration FAILURE_WINDOW = Duration.ofMinutes(10);

    /** The last heartbeat of a node, whether its engine answered then, and its load per core. */
    public record Heartbeat(Instant at, String engineError, double load) {
    }

    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    /** One instance failure: when, and of which service. */
    public record Failure(Instant at, String service) {
    }

    private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
    private final NodeLiveness liveness;
    private final Clock clock;
    private final Instant startedAt;
    /** How late this server itself answers reports ({@link ReportLag}): silence that long is its own. */
    private final java.util.function.Supplier<Duration> ownLag;
    /** The liveness for a fleet of that many nodes, kept until the fleet's size changes. */
    private volatile Scaled scaled;

    private record Scaled(int nodes, NodeLiveness liveness) {
    }

    /** @param ownLag how late this server answers reports now ({@link ReportLag#recent}) */
    public NodeRegistry(NodeLiveness liveness, Clock clock, java.util.function.Supplier<Duration> ownLag) {
        this.liveness = liveness;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.ownLag = ownLag;
    }

    /**
     * The configured liveness, stretched when the fleet is so large that heartbeats come less
     * often ({@link HeartbeatPolicy}), and by this server's own lag in answering reports: an agent
     * reports again an interval after its last answer, so a late server hears from every node late.
     */
    public NodeLiveness currentLiveness() {
        Duration lag = ownLag();
        NodeLiveness byFleet = byFleet();
        return lag.isZero() ? byFleet : new NodeLiveness(byFleet.suspectAfter().plus(lag), byFleet.downAfter().plus(lag));
    }

    /** How late this server answers reports now (zero while it keeps up). */
    public Duration ownLag() {
        return ownLag.get();
    }

    private NodeLiveness byFleet() {
        int nodes = heartbeats.size();
        Scaled cached = scaled;
        if (cached == null || cached.nodes() != nodes) {
            // Asked for every node on every liveness check: worked out again only when the fleet's size changes.
            NodeLiveness byFleet = HeartbeatPolicy.liveness(nodes);
            cached = new Scaled(nodes, byFleet.downAfter().compareTo(liveness.downAfter()) > 0 ? byFleet : liveness);
            scaled = cached;
        }
        return cached.liveness();
    }

    /** How often agents should report now. */
    public Duration heartbeatInterval() {
        return HeartbeatPolicy.interval(heartbeats.size());
    }

    /** Records a heartbeat; returns true if this is the first since this server started. */
    public boolean heartbeat(String node, String engineError, Double load) {
        return heartbeats.put(node, new Heartbeat(clock.instant(), engineError, load == null ? 0 : load)) == null;
    }

    public Heartbeat last(String node) {
        return heartbeats.get(node);
    }

    /** Counts an instance failure (exit, failed start or pull, restart for a failing check) on the node. */
    public void failure(String node, String service) {
        Deque<Failure> q = failures.computeIfAbsent(node, n -> new ArrayDeque<>());
        synchronized (q) {
            q.addLast(new Failure(clock.instant(), service));
            prune(q);
        }
    }

    /** Instance failures on the node within {@link #FAILURE_WINDOW}. */
    public int recentFailures(String node) {
        Deque<Failure> q = failures.get(node);
        if (q == null) return 0;
        synchronized (q) {
            prune(q);
            return q.size();
        }
    }

    /** Failures on each node since {@code since} (at most {@link #FAILURE_WINDOW} back), by service. */
    public Map<String, Map<String, Integer>> failuresByService(java.util.function.Function<String, Instant> since) {
        Map<String, Map<String, Integer>> out = new java.util.HashMap<>();
        failures.forEach((node, q) -> {
            Instant from = since.apply(node);
            synchronized (q) {
                prune(q);
                for (Failure f : q) {
                    if (from != null && f.at().isBefore(from)) continue;
                    out.computeIfAbsent(node, n -> new java.util.TreeMap<>()).merge(f.service(), 1, Integer::sum);
                }
            }
        });
        return out;
    }

    private void prune(Deque<Failure> q) {
        Instant cutoff = clock.instant().minus(FAILURE_WINDOW);
        while (!q.isEmpty() && q.peekFirst().at().isBefore(cutoff)) q.removeFirst();
    }

    /** The node's state judged from heartbeats alone (operator decisions are applied on top). */
    public NodeState liveness(String node) {
        return liveness(node, currentLiveness(), clock.instant());
    }

    /** The same, with the thresholds and the time read once by a caller that asks for every node. */
    public NodeState liveness(String node, NodeLiveness current, Instant now) {
        Heartbeat hb = heartbeats.get(node);
        NodeState s = current.state(hb == null ? startedAt : hb.at(), now);
        // A node whose engine does not answer cannot start anything: not ready for new work.
        if (s == NodeState.READY && hb != null && hb.engineError() != null) return NodeState.SUSPECT;
        return s;
    }
}
