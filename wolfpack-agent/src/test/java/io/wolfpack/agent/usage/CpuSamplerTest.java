package io.wolfpack.agent.usage;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.ContainerState;
import io.wolfpack.agent.docker.FakeDockerEngine;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The sampler's rounds against a fake engine, driven by hand (no schedule). */
class CpuSamplerTest {
    private static final class HandClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    private final HandClock clock = new HandClock();
    private final FakeDockerEngine engine = new FakeDockerEngine(clock);

    private String running(String id) {
        return engine.add(new ContainerInfo(id, "wp-" + id, "img", Map.of(), ContainerState.RUNNING, null, clock.instant(), null));
    }

    @Test
    void eachRoundReadsEveryRunningContainerAndGivesItsCores() {
        running("busy");
        running("idle");
        try (CpuSampler sampler = new CpuSampler(engine, () -> List.of("busy", "idle"), clock, Duration.ofSeconds(5))) {
            engine.setCpu("busy", 0);
            engine.setCpu("idle", 7_000_000_000L);
            sampler.sampleAll();
            assertThat(sampler.cores("busy")).isNull();

            clock.advance(Duration.ofSeconds(5));
            engine.setCpu("busy", 4_000_000_000L);
            engine.setCpu("idle", 7_010_000_000L);
            sampler.sampleAll();
            assertThat(sampler.cores("busy")).isCloseTo(0.8, within(1e-9));
            assertThat(sampler.cores("idle")).isCloseTo(0.002, within(1e-9));
        }
    }

    @Test
    void anEngineThatStopsAnsweringLeavesNoStaleNumbers() {
        running("c1");
        try (CpuSampler sampler = new CpuSampler(engine, () -> List.of("c1"), clock, Duration.ofSeconds(5))) {
            engine.setCpu("c1", 0);
            sampler.sampleAll();
            clock.advance(Duration.ofSeconds(5));
            engine.setCpu("c1", 5_000_000_000L);
            sampler.sampleAll();
            assertThat(sampler.cores("c1")).isCloseTo(1.0, within(1e-9));

            engine.setDown(true);
            for (int round = 0; round < 5; round++) {
                clock.advance(Duration.ofSeconds(5));
                sampler.sampleAll();
            }
            assertThat(sampler.cores("c1")).isNull();
        }
    }
}
