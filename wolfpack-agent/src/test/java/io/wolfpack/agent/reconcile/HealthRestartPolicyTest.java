package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.health.CheckResult;
import io.wolfpack.agent.health.HealthTracker;
import io.wolfpack.core.spec.HealthSpec;
import io.wolfpack.core.spec.TimeSpan;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthRestartPolicyTest {
    private static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final CheckResult OK = CheckResult.pass("GET http://127.0.0.1:20000/healthz returned 200");
    private static final CheckResult BAD = CheckResult.fail("GET http://127.0.0.1:20000/healthz returned 500");
    private final HealthRestartPolicy policy = HealthRestartPolicy.DEFAULT;

    private static HealthSpec spec(long intervalMs, int unhealthyAfter) {
        return new HealthSpec(new HealthSpec.HttpCheck("http", "/healthz"), null, null, TimeSpan.ofMillis(intervalMs),
                TimeSpan.ofMillis(100), 1, unhealthyAfter);
    }

    /** Runs {@code results} one per interval, the first at {@code first}. */
    private static HealthTracker checks(HealthSpec spec, Instant first, List<CheckResult> results) {
        HealthTracker t = HealthTracker.INITIAL;
        Instant at = first;
        for (CheckResult r : results) {
            t = t.next(r, spec.healthyAfter(), spec.unhealthyAfter(), at);
            at = at.plusMillis(spec.interval().millis());
        }
        return t;
    }

    private static List<CheckResult> times(int n, CheckResult r) {
        return java.util.Collections.nCopies(n, r);
    }

    private static List<CheckResult> concat(List<CheckResult> a, List<CheckResult> b) {
        var out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void aPassingOrNotYetJudgedInstanceIsNeverRestarted() {
        HealthSpec s = spec(1000, 2);
        Instant late = STARTED.plusSeconds(3600);
        assertThat(policy.decide(s, checks(s, STARTED, times(10, OK)), STARTED, late)).isEmpty();
        assertThat(policy.decide(s, HealthTracker.INITIAL, STARTED, late)).isEmpty();
        assertThat(policy.decide(s, null, STARTED, late)).isEmpty();
        assertThat(policy.dueAt(s, checks(s, STARTED, times(3, OK)), STARTED)).isEmpty();
    }

    @Test
    void anInstanceThatWentOutOfTheRoutesGetsAsManyChecksAgainBeforeARestart() {
        HealthSpec s = spec(1000, 2);
        Instant firstFailure = STARTED.plusSeconds(20);
        HealthTracker out = checks(s, STARTED.plusSeconds(18), concat(times(2, OK), times(2, BAD)));
        assertThat(out.health()).isEqualTo(io.wolfpack.core.model.Health.FAILING);
        // failing (out of the routes) but only unhealthyAfter failures: no restart however long ago
        assertThat(policy.decide(s, out, STARTED, firstFailure.plusSeconds(600))).isEmpty();

        HealthTracker more = checks(s, STARTED.plusSeconds(18), concat(times(2, OK), times(4, BAD)));
        assertThat(policy.dueAt(s, more, STARTED)).contains(firstFailure.plusSeconds(5));
        assertThat(policy.decide(s, more, STARTED, firstFailure.plusMillis(4999))).isEmpty();
        var restart = policy.decide(s, more, STARTED, firstFailure.plusSeconds(6)).orElseThrow();
        assertThat(restart.failingFor()).isEqualTo(Duration.ofSeconds(6));
        assertThat(restart.neverPassed()).isFalse();
        assertThat(restart.problem()).isEqualTo("failed its health check for 6s: GET http://127.0.0.1:20000/healthz returned 500");
        assertThat(restart.reason()).isEqualTo("restarted after failing its health check for 6s: GET http://127.0.0.1:20000/healthz returned 500");
    }

    @Test
    void aLongIntervalWaitsTwiceUnhealthyAfterIntervalsNotJustTheMinimum() {
        HealthSpec s = spec(10_000, 3);
        HealthTracker t = checks(s, STARTED.plusSeconds(100), concat(List.of(OK), times(6, BAD)));
        Instant firstFailure = STARTED.plusSeconds(110);
        assertThat(policy.dueAt(s, t, STARTED)).contains(firstFailure.plusSeconds(60));
    }

    @Test
    void aVeryShortIntervalStillFailsForTheMinimumBeforeARestart() {
        HealthSpec s = spec(100, 1);
        HealthTracker t = checks(s, STARTED.plusSeconds(40), concat(List.of(OK), times(20, BAD)));
        Instant firstFailure = STARTED.plusMillis(40_100);
        assertThat(policy.decide(s, t, STARTED, firstFailure.plusSeconds(2))).isEmpty();
        assertThat(policy.decide(s, t, STARTED, firstFailure.plusSeconds(5))).isPresent();
        assertThat(new HealthRestartPolicy(Duration.ZERO, Duration.ZERO).dueAt(s, t, STARTED))
                .contains(firstFailure.plusMillis(200));
    }

    @Test
    void onePassEndsTheStreakAndTheNextFailuresStartOver() {
        HealthSpec s = spec(1000, 2);
        HealthTracker t = checks(s, STARTED.plusSeconds(40), concat(concat(times(10, BAD), List.of(OK)), times(4, BAD)));
        // the first failure of the new streak was at 40 + 11 s
        assertThat(policy.dueAt(s, t, STARTED)).contains(STARTED.plusSeconds(51 + 5));
    }

    @Test
    void aContainerThatNeverPassedIsJudgedOnlyAfterTheStartGrace() {
        HealthSpec s = spec(1000, 2);
        HealthTracker t = checks(s, STARTED, times(40, BAD));
        assertThat(t.passedOnce()).isFalse();
        Instant due = STARTED.plusSeconds(30 + 5);
        assertThat(policy.dueAt(s, t, STARTED)).contains(due);
        assertThat(policy.decide(s, t, STARTED, due.minusMillis(1))).isEmpty();
        var restart = policy.decide(s, t, STARTED, due).orElseThrow();
        assertThat(restart.neverPassed()).isTrue();
        assertThat(restart.problem()).startsWith("never passed its health check in 35s: GET");
        assertThat(restart.reason()).startsWith("restarted after not passing its health check in 35s: GET");
    }

    @Test
    void aStarterThatPassedOnceIsJudgedLikeAnyOther() {
        HealthSpec s = spec(1000, 2);
        HealthTracker t = checks(s, STARTED, concat(List.of(OK), times(6, BAD)));
        assertThat(t.passedOnce()).isTrue();
        assertThat(policy.dueAt(s, t, STARTED)).contains(STARTED.plusSeconds(1 + 5));
    }

    @Test
    void rejectsNegativeSettingsNamingThem() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HealthRestartPolicy(Duration.ofSeconds(-1), Duration.ZERO))
                .hasMessageContaining("minFailing").hasMessageContaining("PT-1S");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HealthRestartPolicy(Duration.ZERO, null))
                .hasMessageContaining("startGrace");
    }

    /**
     * Whatever the results, a restart needs the last 2 × unhealthyAfter checks failed, failing for
     * at least the minimum, and for a container that never passed, the start grace over.
     */
    @Property
    void neverRestartsWithoutEnoughFailingEvidence(@ForAll @Size(max = 40) List<Boolean> results,
                                                   @ForAll @IntRange(min = 1, max = 4) int unhealthyAfter,
                                                   @ForAll @IntRange(min = 100, max = 3000) int intervalMs,
                                                   @ForAll @IntRange(min = 0, max = 120_000) int laterMs) {
        HealthSpec s = spec(intervalMs, unhealthyAfter);
        HealthTracker t = checks(s, STARTED, results.stream().map(b -> b ? OK : BAD).toList());
        Instant lastCheck = STARTED.plusMillis((long) intervalMs * Math.max(0, results.size() - 1));
        Instant now = lastCheck.plusMillis(laterMs);
        var restart = policy.decide(s, t, STARTED, now);
        if (restart.isEmpty()) return;
        int failing = 0;
        for (int i = results.size() - 1; i >= 0 && !results.get(i); i--) failing++;
        assertThat(failing).isGreaterThanOrEqualTo(2 * unhealthyAfter);
        assertThat(restart.get().failingFor()).isGreaterThanOrEqualTo(Duration.ofSeconds(5))
                .isGreaterThanOrEqualTo(Duration.ofMillis((long) intervalMs * 2 * unhealthyAfter));
        if (!results.contains(true)) assertThat(now).isAfterOrEqualTo(STARTED.plusSeconds(35));
    }
}
