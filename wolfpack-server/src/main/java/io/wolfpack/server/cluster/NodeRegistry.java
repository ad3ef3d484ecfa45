package io.wolfpack.server.cluster;

import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.model.NodeState;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Heartbeats, kept in memory: they change every second per node and need not survive a restart.
 * Nodes known from ZooKeeper count as heard from at server start, so a restarted server does not
 * call every node down before its agents had a chance to report.
 */
public final class NodeRegistry {
    /** The last heartbeat of a node and whether its engine answered then. */
    public record Heartbeat(Instant at, String engineError) {
    }

    private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
    private final NodeLiveness liveness;
    private final Clock clock;
    private final Instant startedAt;

    public NodeRegistry(NodeLiveness liveness, Clock clock) {
        this.liveness = liveness;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Records a heartbeat; returns true if this is the first since this server started. */
    public boolean heartbeat(String node, String engineError) {
        return heartbeats.put(node, new Heartbeat(clock.instant(), engineError)) == null;
    }

    public Heartbeat last(String node) {
        return heartbeats.get(node);
    }

    public NodeState state(String node) {
        Heartbeat hb = heartbeats.get(node);
        NodeState s = liveness.state(hb == null ? startedAt : hb.at(), clock.instant());
        // A node whose engine does not answer cannot start anything: not ready for new work.
        if (s == NodeState.READY && hb != null && hb.engineError() != null) return NodeState.SUSPECT;
        return s;
    }
}
