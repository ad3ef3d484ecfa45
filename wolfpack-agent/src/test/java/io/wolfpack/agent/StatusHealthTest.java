package io.wolfpack.agent;

import io.wolfpack.agent.health.CheckResult;
import io.wolfpack.agent.health.HealthTracker;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class StatusHealthTest {
    private static InstanceStatus status(InstanceState state, Health health) {
        return new InstanceStatus("web-a", "web", "n1", 1, state, health, "c1", 0, null, null, Instant.EPOCH, null);
    }

    @Test
    void aRunningInstanceWithoutAnyCheckResultIsHeldBack() {
        assertThat(StatusHealth.awaitingFirstResult(status(InstanceState.RUNNING, Health.UNKNOWN), Optional.empty())).isTrue();
        assertThat(StatusHealth.awaitingFirstResult(status(InstanceState.RUNNING, Health.UNKNOWN),
                Optional.of(HealthTracker.INITIAL))).isTrue();
    }

    @Test
    void onceACheckRanOrWithoutACheckTheStatusIsReported() {
        HealthTracker oneFailure = HealthTracker.INITIAL.next(CheckResult.fail("refused"), 1, 2, Instant.EPOCH);
        assertThat(oneFailure.health()).isEqualTo(Health.UNKNOWN);
        assertThat(StatusHealth.awaitingFirstResult(status(InstanceState.RUNNING, Health.UNKNOWN), Optional.of(oneFailure))).isFalse();
        assertThat(StatusHealth.awaitingFirstResult(status(InstanceState.RUNNING, Health.NONE), Optional.empty())).isFalse();
        assertThat(StatusHealth.awaitingFirstResult(status(InstanceState.BACKOFF, Health.UNKNOWN), Optional.empty())).isFalse();
    }
}
