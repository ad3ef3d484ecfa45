package io.wolfpack.core.schedule.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark at toy size, for correctness only: its timings are not asserted. */
class SchedulerBenchmarkTest {

    @Test
    void placesEverythingAndSpreadsEachServiceEvenly() {
        // 30 nodes, 20 services x 75 replicas: two or three of each service per node, with room to spare.
        SchedulerBenchmark.Result r = SchedulerBenchmark.run(30, 20, 75);

        assertThat(r.placements()).isEqualTo(1500);
        assertThat(r.unplaced()).isZero();
        // The zones hold 12, 9 and 9 nodes (less two down): an equal share per zone leaves the nodes
        // of a smaller zone one instance more than those of a bigger one, but never more than that.
        assertThat(r.worstSpread()).isEqualTo(2);
        assertThat(r.peakHeapBytes()).isPositive();
        assertThat(r.placementsPerSecond()).isPositive();
    }
}
