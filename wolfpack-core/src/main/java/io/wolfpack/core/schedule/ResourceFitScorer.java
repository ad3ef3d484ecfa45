package io.wolfpack.core.schedule;

/**
 * How full the node would be after taking the instance, averaged over cpu and memory, in [0,1].
 * Bin-packing prefers fuller nodes (penalty 1 - fullness), spreading prefers emptier ones.
 */
final class ResourceFitScorer implements NodeScorer {
    private final boolean binpack;

    ResourceFitScorer(boolean binpack) {
        this.binpack = binpack;
    }

    @Override
    public double penalty(WorkingState w, int node) {
        long cpuCapacity = w.cpuCapacity(node);
        long memoryCapacity = w.memoryCapacity(node);
        double cpu = fraction(cpuCapacity - w.freeCpu(node) + w.needCpu, cpuCapacity);
        double memory = fraction(memoryCapacity - w.freeMemory(node) + w.needMemory, memoryCapacity);
        double fullness = (cpu + memory) / 2;
        return binpack ? 1 - fullness : fullness;
    }

    private static double fraction(long used, long capacity) {
        if (capacity <= 0) return 1;
        return Math.max(0, Math.min(1, (double) used / capacity));
    }
}
