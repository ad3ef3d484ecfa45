package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.health.HealthTracker;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.spec.HealthSpec;
import io.wolfpack.core.spec.TimeSpan;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When an instance that stays unhealthy is restarted (docs/AGENT.md, "Restart after failing
 * checks"). Leaving the routes is the cheap reaction and comes first, after {@code unhealthyAfter}
 * failures; a restart throws away the process, so it waits for as much evidence again: the checks
 * must have failed {@code 2 × unhealthyAfter} times in a row and for at least
 * {@code 2 × unhealthyAfter × interval}, and never less than {@code minFailing}. A container that
 * never reached PASSING is still starting: its failures count only from {@code startGrace} after
 * it started, so a slow starter is not killed in a loop.
 *
 * @param minFailing the least time of failing checks before a restart, so a short interval does not
 *                   turn a brief blip (a GC pause, a dependency restarting) into a restart
 * @param startGrace how long a container that never passed may fail before its failures count
 */
public record HealthRestartPolicy(Duration minFailing, Duration startGrace) {
    public static final HealthRestartPolicy DEFAULT = new HealthRestartPolicy(Duration.ofSeconds(5), Duration.ofSeconds(30));

    public HealthRestartPolicy {
        if (minFailing == null || minFailing.isNegative()) {
            throw new IllegalArgumentException("minFailing must be 0s or more, got " + minFailing);
        }
        if (startGrace == null || startGrace.isNegative()) {
            throw new IllegalArgumentException("startGrace must be 0s or more, got " + startGrace);
        }
    }

    /**
     * A restart for failing checks, in words.
     *
     * @param failingFor  since the first failed check of the streak
     * @param neverPassed whether the container never reached PASSING
     * @param detail      what the last check saw
     */
    public record Restart(Duration failingFor, boolean neverPassed, String detail) {
        /** "failed its health check for 6s: GET … returned 500", for the status while it waits. */
        public String problem() {
            return withDetail(neverPassed
                    ? "never passed its health check in " + Backoff.words(failingFor)
                    : "failed its health check for " + Backoff.words(failingFor));
        }

        /** "restarted after failing its health check for 6s: …", for the status of the new container. */
        public String reason() {
            return withDetail(neverPassed
                    ? "restarted after not passing its health check in " + Backoff.words(failingFor)
                    : "restarted after failing its health check for " + Backoff.words(failingFor));
        }

        private String withDetail(String what) {
            return detail == null ? what : what + ": " + detail;
        }
    }

    /**
     * When the container that started at {@code startedAt} is to be restarted if its checks keep
     * failing as they do; empty while the last check passed.
     */
    public Optional<Instant> dueAt(HealthSpec spec, HealthTracker t, Instant startedAt) {
        if (spec == null || t == null || t.failingSince() == null) return Optional.empty();
        Instant from = t.failingSince();
        if (!t.passedOnce() && startedAt != null && startedAt.plus(startGrace).isAfter(from)) from = startedAt.plus(startGrace);
        Duration window = interval(spec).multipliedBy(checksBeforeRestart(spec));
        return Optional.of(from.plus(window.compareTo(minFailing) < 0 ? minFailing : window));
    }

    /** A restart if the verdict {@code t} on the container started at {@code startedAt} calls for one now. */
    public Optional<Restart> decide(HealthSpec spec, HealthTracker t, Instant startedAt, Instant now) {
        if (t == null || t.health() != Health.FAILING || t.failures() < checksBeforeRestart(spec)) return Optional.empty();
        Optional<Instant> due = dueAt(spec, t, startedAt);
        if (due.isEmpty() || now.isBefore(due.get())) return Optional.empty();
        return Optional.of(new Restart(Duration.between(t.failingSince(), now), !t.passedOnce(), t.detail()));
    }

    /** Failures in a row before a restart: the {@code unhealthyAfter} that took it out of the routes, and as many again. */
    static int checksBeforeRestart(HealthSpec spec) {
        return 2 * Math.max(1, spec == null ? HealthSpec.DEFAULT_UNHEALTHY_AFTER : spec.unhealthyAfter());
    }

    private static Duration interval(HealthSpec spec) {
        TimeSpan i = spec.interval() == null ? HealthSpec.DEFAULT_INTERVAL : spec.interval();
        return Duration.ofMillis(i.millis());
    }
}
