package io.wolfpack.core.reconcile;

import io.wolfpack.core.reconcile.CanaryJudge.Outcome;
import io.wolfpack.core.reconcile.CanaryJudge.Traffic;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class CanaryJudgeTest {
    private static final Duration HOLD = Duration.ofSeconds(60);

    @Test
    void aCanaryAnswering500FailsWithinItsHold() {
        var v = CanaryJudge.judge(new Traffic(40, 40, 0), new Traffic(80, 0, 0), 1, 1, Duration.ofSeconds(5), HOLD);
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.evidence()).contains("canary 40 errors in 40 tries (100.0%: 40 5xx, 0 failed connections)");
    }

    @Test
    void aHealthyCanaryWaitsForItsHoldThenPasses() {
        Traffic ok = new Traffic(100, 0, 0);
        assertThat(CanaryJudge.judge(ok, ok, 1, 1, Duration.ofSeconds(30), HOLD).outcome()).isEqualTo(Outcome.WAIT);
        assertThat(CanaryJudge.judge(ok, ok, 1, 1, HOLD, HOLD).outcome()).isEqualTo(Outcome.PASS);
    }

    @Test
    void aFewErrorsOrALittleTrafficAreNoVerdict() {
        // 1 of 100 against 0 of 300: above twice stable, but not a full point above it.
        assertThat(CanaryJudge.judge(new Traffic(100, 1, 0), new Traffic(300, 0, 0), 1, 1, Duration.ofSeconds(5), HOLD)
                .outcome()).isEqualTo(Outcome.WAIT);
        var quiet = CanaryJudge.judge(new Traffic(3, 3, 0), Traffic.NONE, 1, 1, HOLD, HOLD);
        assertThat(quiet.outcome()).isEqualTo(Outcome.PASS);
        assertThat(quiet.evidence()).contains("little traffic");
    }

    @Test
    void aCanaryThatIsNotServingWhenTheHoldEndsFails() {
        var v = CanaryJudge.judge(Traffic.NONE, new Traffic(50, 0, 0), 0, 2, HOLD, HOLD);
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
        assertThat(v.evidence()).startsWith("0 of 2 canary instances serving");
    }

    @Test
    void failedConnectionsCountAsErrors() {
        var v = CanaryJudge.judge(new Traffic(20, 0, 20), new Traffic(100, 0, 0), 1, 1, Duration.ofSeconds(1), HOLD);
        assertThat(v.outcome()).isEqualTo(Outcome.FAIL);
    }
}
