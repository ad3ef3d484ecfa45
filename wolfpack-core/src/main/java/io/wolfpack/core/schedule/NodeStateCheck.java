package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;

import java.util.Locale;
import java.util.Optional;

/** Only READY nodes take new work; cordoned, draining, suspect and down nodes are vetoed. */
final class NodeStateCheck implements FeasibilityCheck {
    private static final Veto[] VETOES = new Veto[NodeState.values().length];

    static {
        for (NodeState s : NodeState.values()) VETOES[s.ordinal()] = Veto.nodeState(s.name().toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<Veto> check(WorkingState w, int node) {
        NodeState state = w.state(node);
        return state == NodeState.READY ? Optional.empty() : Optional.of(VETOES[state.ordinal()]);
    }
}
