package io.wolfpack.core.schedule;

import java.util.Optional;

/** Enough unreserved cpu for one more instance, after the placements already made in this call. */
final class CpuCheck implements FeasibilityCheck {
    @Override
    public Optional<Veto> check(WorkingState w, int node) {
        long free = w.freeCpu(node);
        if (free >= w.needCpu) return Optional.empty();
        return Optional.of(Veto.resource(Veto.Kind.CPU, "insufficient cpu", w.needCpu, free, w.cpuCapacity(node)));
    }
}
