package io.wolfpack.agent.usage;

import io.wolfpack.agent.docker.CpuUsage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CpuMeterTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofSeconds(20);

    private static CpuUsage at(double seconds, double cpuSeconds) {
        return new CpuUsage((long) (cpuSeconds * 1e9), T0.plusMillis((long) (seconds * 1000)));
    }

    @Test
    void coresAreCounterGrowthOverEngineTime() {
        CpuMeter m = new CpuMeter();
        assertThat(m.add("c1", at(0, 10), T0)).as("one reading is no rate yet").isNull();
        // 4.5 CPU-seconds in 5 s: 0.9 of a core. Two cores busy would read 2.0.
        assertThat(m.add("c1", at(5, 14.5), T0.plusSeconds(5))).isCloseTo(0.9, within(1e-9));
        assertThat(m.add("c1", at(10, 24.5), T0.plusSeconds(10))).isCloseTo(2.0, within(1e-9));
        assertThat(m.cores("c1", T0.plusSeconds(12), MAX_AGE)).isCloseTo(2.0, within(1e-9));
    }

    @Test
    void anIdleContainerReadsZero() {
        CpuMeter m = new CpuMeter();
        m.add("c1", at(0, 3), T0);
        assertThat(m.add("c1", at(5, 3), T0.plusSeconds(5))).isZero();
    }

    @Test
    void theSameReadingTwiceKeepsTheLastRateAndACounterThatWentBackGivesNone() {
        CpuMeter m = new CpuMeter();
        m.add("c1", at(0, 0), T0);
        m.add("c1", at(5, 2.5), T0.plusSeconds(5));
        assertThat(m.add("c1", at(5, 2.5), T0.plusSeconds(6))).isCloseTo(0.5, within(1e-9));
        assertThat(m.add("c1", at(10, 1), T0.plusSeconds(10))).isNull();
        assertThat(m.cores("c1", T0.plusSeconds(10), MAX_AGE)).isNull();
    }

    @Test
    void anOldRateIsNotReportedAndGoneContainersAreForgotten() {
        CpuMeter m = new CpuMeter();
        m.add("c1", at(0, 0), T0);
        m.add("c1", at(5, 1), T0.plusSeconds(5));
        m.add("c2", at(0, 0), T0);
        m.add("c2", at(5, 1), T0.plusSeconds(5));
        assertThat(m.cores("c1", T0.plusSeconds(25), MAX_AGE)).isCloseTo(0.2, within(1e-9));
        assertThat(m.cores("c1", T0.plusSeconds(26), MAX_AGE)).as("engine silent for 21 s").isNull();
        m.retain(List.of("c1"));
        assertThat(m.cores("c2", T0.plusSeconds(6), MAX_AGE)).isNull();
        assertThat(m.cores("c1", T0.plusSeconds(6), MAX_AGE)).isNotNull();
    }
}
