package io.wolfpack.core.schedule;

import java.util.Optional;

/** The spec's label constraints; the first one a node breaks is its veto. */
final class ConstraintCheck implements FeasibilityCheck {
    @Override
    public Optional<Veto> check(WorkingState w, int node) {
        for (int c = 0; c < w.constraints.size(); c++) {
            if (!w.satisfies(c, node)) return Optional.of(Veto.constraint(w.constraints.get(c)));
        }
        return Optional.empty();
    }
}
