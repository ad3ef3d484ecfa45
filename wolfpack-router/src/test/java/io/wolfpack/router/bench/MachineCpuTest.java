package io.wolfpack.router.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MachineCpuTest {
    @Test
    void busyCoresFromTwoProcStatSnapshots() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        var before = MachineCpu.Ticks.parse("cpu  100 0 50 1000 10 0 0 0 40 0\ncpu0 1 2 3 4\n");
        var after = MachineCpu.Ticks.parse("cpu  150 0 100 1090 20 0 0 0 60 0\n");
        assertThat(before.busy()).isEqualTo(150);
        // 100 busy ticks out of 200: half of each of 2 cores
        assertThat(after.busyCoresSince(before, 2)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsSomethingElse() {
        assertThatThrownBy(() -> MachineCpu.Ticks.parse("intr 1 2 3")).hasMessageContaining("'cpu' line");
    }
}
