package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.NodeState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FailurePolicyTest {
    @Test
    void oneDownHostIsReplacedButAMassFailureHoldsEverything() {
        assertThat(FailurePolicy.replaceable(Map.of("h1", NodeState.READY, "h2", NodeState.READY, "h3", NodeState.DOWN)))
                .containsExactly("h3");
        assertThat(FailurePolicy.replaceable(Map.of("h1", NodeState.READY, "h2", NodeState.DOWN, "h3", NodeState.DOWN)))
                .isEmpty();
        assertThat(FailurePolicy.replaceable(Map.of("h1", NodeState.SUSPECT, "h2", NodeState.READY))).isEmpty();
        assertThat(FailurePolicy.replaceable(Map.of("h1", NodeState.READY, "h2", NodeState.DOWN))).containsExactly("h2");
        assertThat(FailurePolicy.replaceable(Map.of("only", NodeState.DOWN))).isEmpty();
        assertThat(FailurePolicy.replaceable(Map.of("h1", NodeState.CORDONED, "h2", NodeState.DOWN))).isEmpty();
        assertThat(FailurePolicy.massFailure(2, 10)).isFalse();
        assertThat(FailurePolicy.massFailure(4, 10)).isTrue();
    }
}
