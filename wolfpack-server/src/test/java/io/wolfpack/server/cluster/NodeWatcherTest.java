package io.wolfpack.server.cluster;

import io.wolfpack.core.model.NodeState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeWatcherTest {
    @Test
    void aSilentHostAmongReadyOnesLeavesTheRoutes() {
        var seen = NodeWatcher.judge(Map.of("h1", NodeState.READY, "h2", NodeState.SUSPECT, "h3", NodeState.READY));
        assertThat(seen.silent()).containsExactly("h2");
        assertThat(seen.assessment().held()).isFalse();
    }

    @Test
    void whenNoNodeHeartbeatsOrMostAreSilentTheRoutesKeepEveryInstance() {
        // the only node of a one-host cluster (wolfpack dev) late with its heartbeat on a busy machine
        assertThat(NodeWatcher.judge(Map.of("dev", NodeState.SUSPECT)).silent()).isEmpty();
        // two of three silent: more likely this server is cut off than both hosts gone
        var seen = NodeWatcher.judge(Map.of("h1", NodeState.READY, "h2", NodeState.SUSPECT, "h3", NodeState.DOWN));
        assertThat(seen.assessment().held()).isTrue();
        assertThat(seen.silent()).isEmpty();
    }
}
