package io.wolfpack.core.reconcile;

import io.wolfpack.core.spec.AutoscaleSpec;
import io.wolfpack.core.spec.TimeSpan;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class AutoscalePolicyTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    private static final AutoscaleSpec SPEC = new AutoscaleSpec(2, 10, 50, TimeSpan.ofMillis(10_000), TimeSpan.ofMillis(60_000));

    @Test
    void loadAboveTargetScalesOutOnceItHeldForTheUpWindow() {
        AutoscalePolicy p = new AutoscalePolicy();
        assertThat(p.observe(SPEC, 2, 100, 2, T0)).isEmpty();
        assertThat(p.observe(SPEC, 2, 240, 2, T0.plusSeconds(5))).isEmpty();
        // 240 and then 260 req/s for 10s: the lowest recommendation in the window, 5 (the sample at 0s needed 2).
        assertThat(p.observe(SPEC, 2, 260, 2, T0.plusSeconds(10))).isEmpty();
        Optional<AutoscalePolicy.Decision> d = p.observe(SPEC, 2, 250, 2, T0.plusSeconds(15));
        assertThat(d).hasValueSatisfying(x -> {
            assertThat(x.to()).isEqualTo(5);
            assertThat(x.why()).contains("250.0 req/s over 2 instances (125.0 each), target 50 each → 5 wanted");
        });
    }

    @Test
    void aShortBurstChangesNothing() {
        AutoscalePolicy p = new AutoscalePolicy();
        for (int s = 0; s <= 30; s += 5) {
            double rps = s == 15 ? 500 : 80;
            assertThat(p.observe(SPEC, 2, rps, 2, T0.plusSeconds(s))).isEmpty();
        }
    }

    @Test
    void loadGoneScalesBackInOnlyAfterTheDownWindowAndNeverBelowMin() {
        AutoscalePolicy p = new AutoscalePolicy();
        for (int s = 0; s < 60; s += 5) assertThat(p.observe(SPEC, 6, 0, 6, T0.plusSeconds(s))).isEmpty();
        assertThat(p.observe(SPEC, 6, 0, 6, T0.plusSeconds(60))).hasValueSatisfying(d -> assertThat(d.to()).isEqualTo(2));
    }

    @Test
    void aCountOutsideMinAndMaxIsBroughtBackAtOnce() {
        assertThat(new AutoscalePolicy().observe(SPEC, 12, 0, 12, T0)).hasValueSatisfying(d -> assertThat(d.to()).isEqualTo(10));
    }

    private static final AutoscaleSpec CPU = new AutoscaleSpec(1, 8, null, 0.5, TimeSpan.ofMillis(10_000), TimeSpan.ofMillis(60_000));

    @Test
    void cpuAboveTargetScalesOutToTotalCoresOverTheTarget() {
        AutoscalePolicy p = new AutoscalePolicy();
        // 2 ready instances using 0.9 cores each: 1.8 cores / 0.5 per instance → 4.
        assertThat(p.observe(CPU, 2, new AutoscalePolicy.Load(1.8, 2), T0)).isEmpty();
        assertThat(p.observe(CPU, 2, new AutoscalePolicy.Load(1.8, 2), T0.plusSeconds(5))).isEmpty();
        assertThat(p.observe(CPU, 2, new AutoscalePolicy.Load(1.8, 2), T0.plusSeconds(10))).hasValueSatisfying(d -> {
            assertThat(d.to()).isEqualTo(4);
            assertThat(d.why()).isEqualTo("1.80 cores over 2 ready instances (0.90 each), target 0.5 each → 4 wanted, held 10s");
        });
    }

    @Test
    void cpuExactlyAtTargetKeepsTheCountAndIdleScalesInToMinAfterTheDownWindow() {
        AutoscalePolicy p = new AutoscalePolicy();
        for (int s = 0; s <= 60; s += 5) assertThat(p.observe(CPU, 3, new AutoscalePolicy.Load(1.5, 3), T0.plusSeconds(s))).isEmpty();
        AutoscalePolicy idle = new AutoscalePolicy();
        for (int s = 0; s < 60; s += 5) assertThat(idle.observe(CPU, 3, new AutoscalePolicy.Load(0.02, 3), T0.plusSeconds(s))).isEmpty();
        assertThat(idle.observe(CPU, 3, new AutoscalePolicy.Load(0.02, 3), T0.plusSeconds(60)))
                .hasValueSatisfying(d -> assertThat(d.to()).isEqualTo(1));
    }

    @Test
    void cpuNeverScalesPastMax() {
        AutoscalePolicy p = new AutoscalePolicy();
        p.observe(CPU, 4, new AutoscalePolicy.Load(40, 4), T0);
        assertThat(p.observe(CPU, 4, new AutoscalePolicy.Load(40, 4), T0.plusSeconds(10)))
                .hasValueSatisfying(d -> assertThat(d.to()).isEqualTo(8));
    }

    @Test
    void nothingMeasuredDecidesNothingButStillKeepsTheCountWithinBounds() {
        AutoscalePolicy p = new AutoscalePolicy();
        for (int s = 0; s <= 120; s += 5) assertThat(p.observe(CPU, 3, (AutoscalePolicy.Load) null, T0.plusSeconds(s))).isEmpty();
        assertThat(p.observe(CPU, 0, (AutoscalePolicy.Load) null, T0)).hasValueSatisfying(d -> assertThat(d.to()).isEqualTo(1));
        // The windows count from the first measurement, not from the first look.
        assertThat(p.observe(CPU, 3, new AutoscalePolicy.Load(3, 3), T0.plusSeconds(125))).isEmpty();
        assertThat(p.observe(CPU, 3, new AutoscalePolicy.Load(3, 3), T0.plusSeconds(135)))
                .hasValueSatisfying(d -> assertThat(d.to()).isEqualTo(6));
    }
}
