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

    @Test
    void suspectNodesAreReplacedUnlessManyAreSilentAtOnce() {
        var one = FailurePolicy.assess(Map.of("h1", NodeState.READY, "h2", NodeState.READY, "h3", NodeState.SUSPECT));
        assertThat(one.suspect()).containsExactly("h3");
        assertThat(one.held()).isFalse();
        // One suspect and one down out of three: two thirds silent, more likely the server's network.
        var many = FailurePolicy.assess(Map.of("h1", NodeState.READY, "h2", NodeState.SUSPECT, "h3", NodeState.DOWN));
        assertThat(many.held()).isTrue();
        assertThat(many.suspect()).isEmpty();
        assertThat(many.lost()).isEmpty();
        assertThat(FailurePolicy.assess(Map.of("h1", NodeState.READY)).held()).isFalse();
    }
}
