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
}
