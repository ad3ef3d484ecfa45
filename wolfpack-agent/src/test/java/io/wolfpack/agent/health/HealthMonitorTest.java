package io.wolfpack.agent.health;

import io.wolfpack.agent.docker.FakeDockerEngine;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.spec.HealthSpec;
import io.wolfpack.core.spec.TimeSpan;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HealthMonitorTest {
    private static HealthSpec exec(String cmd) {
        return new HealthSpec(null, null, List.of(cmd), TimeSpan.ofMillis(100), TimeSpan.ofMillis(500), 1, 2);
    }

    @Test
    void checksNewTargetsAtOnceAndCallsBackOnChange() {
        AtomicInteger changes = new AtomicInteger();
        try (var monitor = new HealthMonitor(new FakeDockerEngine(Clock.systemUTC()), changes::incrementAndGet, Clock.systemUTC())) {
            monitor.sync(List.of(new HealthTarget("ok-1", "c1", Instant.EPOCH, exec("true"), "127.0.0.1", null),
                    new HealthTarget("bad-1", "c2", Instant.EPOCH, exec("fail"), "127.0.0.1", null)));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(monitor.state("ok-1", "c1")).hasValueSatisfying(t -> assertThat(t.health()).isEqualTo(Health.PASSING));
                assertThat(monitor.state("bad-1", "c2")).hasValueSatisfying(t -> assertThat(t.health()).isEqualTo(Health.FAILING));
            });
            assertThat(changes.get()).isGreaterThanOrEqualTo(2);
            assertThat(monitor.state("ok-1", "other-container")).isEmpty();

            // a restarted container is a new target: its verdict starts over
            monitor.sync(List.of(new HealthTarget("ok-1", "c1", Instant.EPOCH.plusSeconds(5), exec("fail"), "127.0.0.1", null)));
            assertThat(monitor.state("bad-1", "c2")).isEmpty();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(monitor.state("ok-1", "c1")).hasValueSatisfying(t -> assertThat(t.health()).isEqualTo(Health.FAILING)));
        }
    }

    @Test
    void aPortWithoutAHostPortFailsWithAReason() {
        var spec = new HealthSpec(null, new HealthSpec.TcpCheck("http"), null, TimeSpan.ofMillis(100), TimeSpan.ofMillis(100), 1, 1);
        try (var monitor = new HealthMonitor(new FakeDockerEngine(Clock.systemUTC()), () -> { }, Clock.systemUTC())) {
            monitor.sync(List.of(new HealthTarget("w-1", "c1", Instant.EPOCH, spec, "127.0.0.1", null)));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(monitor.state("w-1", "c1")).hasValueSatisfying(t -> {
                        assertThat(t.health()).isEqualTo(Health.FAILING);
                        assertThat(t.detail()).contains("'http' has no published host port");
                    }));
        }
    }
}
