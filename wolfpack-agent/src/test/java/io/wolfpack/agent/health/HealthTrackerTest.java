package io.wolfpack.agent.health;

import io.wolfpack.core.model.Health;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HealthTrackerTest {
    private static final CheckResult OK = CheckResult.pass("GET / returned 200");
    private static final CheckResult BAD = CheckResult.fail("GET / returned 500");

    private static HealthTracker run(List<CheckResult> results, int healthyAfter, int unhealthyAfter) {
        HealthTracker t = HealthTracker.INITIAL;
        for (CheckResult r : results) t = t.next(r, healthyAfter, unhealthyAfter, Instant.EPOCH);
        return t;
    }

    @Test
    void startsUnknown() {
        assertThat(HealthTracker.INITIAL.health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void passesAfterHealthyAfterPassesInARow() {
        assertThat(run(List.of(OK), 2, 2).health()).isEqualTo(Health.UNKNOWN);
        assertThat(run(List.of(OK, OK), 2, 2).health()).isEqualTo(Health.PASSING);
        assertThat(run(List.of(OK, BAD, OK), 2, 2).health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void oneFailureDoesNotFlipAPassingInstance() {
        assertThat(run(List.of(OK, BAD), 1, 2).health()).isEqualTo(Health.PASSING);
        HealthTracker t = run(List.of(OK, BAD, BAD), 1, 2);
        assertThat(t.health()).isEqualTo(Health.FAILING);
        assertThat(t.detail()).isEqualTo("GET / returned 500");
    }

    @Test
    void aFailingInstanceRecoversAfterEnoughPasses() {
        assertThat(run(List.of(BAD, BAD, OK), 2, 2).health()).isEqualTo(Health.FAILING);
        assertThat(run(List.of(BAD, BAD, OK, OK), 2, 2).health()).isEqualTo(Health.PASSING);
    }

    @Test
    void failsFromUnknownWithoutEverPassing() {
        assertThat(run(List.of(BAD, BAD), 1, 2).health()).isEqualTo(Health.FAILING);
    }

    @Test
    void remembersWhenTheCurrentStreakBeganAndWhetherItEverPassed() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        HealthTracker t = HealthTracker.INITIAL.next(BAD, 1, 2, t0).next(BAD, 1, 2, t0.plusSeconds(1));
        assertThat(t.failingSince()).isEqualTo(t0);
        assertThat(t.passingSince()).isNull();
        assertThat(t.passedOnce()).isFalse();

        t = t.next(OK, 1, 2, t0.plusSeconds(2)).next(OK, 1, 2, t0.plusSeconds(3));
        assertThat(t.failingSince()).isNull();
        assertThat(t.passingSince()).isEqualTo(t0.plusSeconds(2));
        assertThat(t.passedOnce()).isTrue();

        t = t.next(BAD, 1, 2, t0.plusSeconds(4));
        assertThat(t.health()).isEqualTo(Health.PASSING);
        assertThat(t.passingSince()).isNull();  // a failure interrupts "healthy for so long"
        assertThat(t.failingSince()).isEqualTo(t0.plusSeconds(4));
        assertThat(t.passedOnce()).isTrue();
    }

    @Test
    void passesBelowTheThresholdDoNotCountAsHavingPassed() {
        HealthTracker t = HealthTracker.INITIAL.next(OK, 2, 2, Instant.EPOCH).next(BAD, 2, 2, Instant.EPOCH);
        assertThat(t.passedOnce()).isFalse();
    }

    @Property
    void theVerdictFollowsTheLastRunOfEqualResults(@ForAll List<Boolean> results,
                                                   @ForAll @IntRange(min = 1, max = 4) int healthyAfter,
                                                   @ForAll @IntRange(min = 1, max = 4) int unhealthyAfter) {
        HealthTracker t = run(results.stream().map(b -> b ? OK : BAD).toList(), healthyAfter, unhealthyAfter);
        int run = 0;
        for (int i = results.size() - 1; i >= 0 && results.get(i) == results.get(results.size() - 1); i--) run++;
        if (results.isEmpty()) {
            assertThat(t.health()).isEqualTo(Health.UNKNOWN);
        } else if (results.get(results.size() - 1) && run >= healthyAfter) {
            assertThat(t.health()).isEqualTo(Health.PASSING);
        } else if (!results.get(results.size() - 1) && run >= unhealthyAfter) {
            assertThat(t.health()).isEqualTo(Health.FAILING);
        }
        assertThat(t.health()).isNotEqualTo(Health.NONE);
    }
}
