package io.wolfpack.router.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ComparisonTest {
    static ProxyRun run(double rps, double p50, double p99) {
        return run(rps, p50, p99, 0);
    }

    static ProxyRun run(double rps, double p50, double p99, long non2xx) {
        long requests = Math.round(rps * 10);
        return new ProxyRun(new WrkResult(requests, 10, rps, p50, p99, 0, non2xx), requests * 20e-6, 0.05, null);
    }

    @Test
    void targetIsMetAtExactlyTheLimits() {
        Comparison c = Comparison.of(32, List.of(run(50_000, 400, 1200)), List.of(run(50_000, 350, 1000)));
        assertThat(c.throughputRatio()).isEqualTo(1.0);
        assertThat(c.p99Ratio()).isCloseTo(1.2, within(1e-12));
        assertThat(c.targetMet()).isTrue();
    }

    @Test
    void slowerThroughputOrLongerTailMissesTheTarget() {
        assertThat(Comparison.of(32, List.of(run(49_000, 300, 900)), List.of(run(50_000, 350, 1000))).targetMet()).isFalse();
        assertThat(Comparison.of(32, List.of(run(60_000, 300, 1300)), List.of(run(50_000, 350, 1000))).targetMet()).isFalse();
    }

    @Test
    void failedRequestsMissTheTargetWhateverTheSpeed() {
        Comparison c = Comparison.of(256, List.of(run(90_000, 300, 900, 12)), List.of(run(50_000, 350, 1000)));
        assertThat(c.targetMet()).isFalse();
        assertThat(c.verdict()).contains("router runs had 12 non-2xx/3xx");
    }

    @Test
    void roundsAreSummarisedByTheirMedian() {
        Comparison c = Comparison.of(32,
                List.of(run(40_000, 500, 3000), run(60_000, 300, 1000), run(50_000, 400, 2000)),
                List.of(run(70_000, 300, 900), run(50_000, 500, 1100)));
        assertThat(c.router().requestsPerSecond()).isEqualTo(50_000);
        assertThat(c.router().p99Micros()).isEqualTo(2000);
        assertThat(c.nginx().requestsPerSecond()).isEqualTo(60_000); // even count: mean of the middle two
        assertThat(c.nginx().runs()).isEqualTo(2);
        assertThat(c.router().cpuMicrosPerRequest()).isCloseTo(20, within(1e-9));
    }

    @Test
    void verdictNamesBothRatiosAndTheirLimits() {
        Comparison c = Comparison.of(32, List.of(run(45_000, 500, 1500)), List.of(run(50_000, 350, 1000)));
        assertThat(c.verdict()).isEqualTo("throughput 0.90x (>= 1.0x needed), p99 1.50x (<= 1.2x needed)");
    }
}
