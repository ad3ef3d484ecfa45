package io.wolfpack.core.schedule;

import java.util.Map;
import java.util.Optional;

/** The spec's label constraints; the first one a node breaks is its veto. */
final class ConstraintCheck implements FeasibilityCheck {
    @Override
    public Optional<Veto> check(WorkingState w, int node) {
        Map<String, String> labels = w.node(node).labels();
        for (Constraint c : w.constraints) {
            if (!c.test(labels)) return Optional.of(Veto.constraint(c));
        }
        return Optional.empty();
    }
}
