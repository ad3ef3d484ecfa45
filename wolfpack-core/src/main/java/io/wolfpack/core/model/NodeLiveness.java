package io.wolfpack.core.model;

import java.time.Duration;
import java.time.Instant;

/**
 * Judges a node's state from its last heartbeat: ready while heartbeats arrive, suspect after
 * {@code suspectAfter} without one, down after {@code downAfter}. Operator states (cordoned,
 * draining) win over ready.
 */
public record NodeLiveness(Duration suspectAfter, Duration downAfter) {
    public static final NodeLiveness DEFAULT = new NodeLiveness(Duration.ofSeconds(2), Duration.ofSeconds(10));

    public NodeLiveness {
        if (suspectAfter.compareTo(downAfter) > 0) {
            throw new IllegalArgumentException("suspectAfter (" + suspectAfter + ") must not exceed downAfter (" + downAfter + ")");
        }
    }

    public NodeState state(Instant lastHeartbeat, Instant now) {
        if (lastHeartbeat == null) return NodeState.DOWN;
        Duration silent = Duration.between(lastHeartbeat, now);
        if (silent.compareTo(downAfter) >= 0) return NodeState.DOWN;
        if (silent.compareTo(suspectAfter) >= 0) return NodeState.SUSPECT;
        return NodeState.READY;
    }
}
