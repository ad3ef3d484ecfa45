package io.wolfpack.core.schedule;

import java.util.Optional;

/** One reason a node may be unable to take the next instance. Empty when the node passes. */
interface FeasibilityCheck {
    Optional<Veto> check(WorkingState w, int node);
}
