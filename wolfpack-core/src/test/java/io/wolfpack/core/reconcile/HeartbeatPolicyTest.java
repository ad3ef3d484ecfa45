package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.HeartbeatPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatPolicyTest {
    @Test
    void theIntervalGrowsWithTheFleetAndLivenessWithIt() {
        assertThat(HeartbeatPolicy.interval(1)).isEqualTo(Duration.ofMillis(500));
        assertThat(HeartbeatPolicy.interval(1_000)).isEqualTo(Duration.ofMillis(500));
        assertThat(HeartbeatPolicy.interval(1_001)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HeartbeatPolicy.interval(10_000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(HeartbeatPolicy.liveness(10)).isEqualTo(io.wolfpack.core.model.NodeLiveness.DEFAULT);
        assertThat(HeartbeatPolicy.liveness(10_000).suspectAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(HeartbeatPolicy.liveness(10_000).downAfter()).isEqualTo(Duration.ofSeconds(100));
    }
}
