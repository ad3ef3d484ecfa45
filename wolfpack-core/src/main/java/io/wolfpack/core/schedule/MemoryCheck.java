package io.wolfpack.core.schedule;

import java.util.Optional;

/** Enough unreserved memory for one more instance, after the placements already made in this call. */
final class MemoryCheck implements FeasibilityCheck {
    @Override
    public Optional<Veto> check(WorkingState w, int node) {
        long free = w.freeMemory(node);
        if (free >= w.needMemory) return Optional.empty();
        return Optional.of(Veto.resource(Veto.Kind.MEMORY, "insufficient memory", w.needMemory, free, w.memoryCapacity(node)));
    }
}
