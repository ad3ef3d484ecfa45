package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.HeartbeatPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatPolicyTest {
    @Test
    void theIntervalGrowsWithTheFleetAndLivenessWithIt() {
        assertThat(HeartbeatPolicy.interval(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HeartbeatPolicy.interval(2_000)).isEqualTo(Duration.ofSeconds(1));
        assertThat(HeartbeatPolicy.interval(2_001)).isEqualTo(Duration.ofSeconds(2));
        assertThat(HeartbeatPolicy.interval(10_000)).isEqualTo(Duration.ofSeconds(5));
        assertThat(HeartbeatPolicy.liveness(10).suspectAfter()).isEqualTo(Duration.ofSeconds(3));
        assertThat(HeartbeatPolicy.liveness(10).downAfter()).isEqualTo(Duration.ofSeconds(10));
        assertThat(HeartbeatPolicy.liveness(10_000).downAfter()).isEqualTo(Duration.ofSeconds(50));
    }
}
