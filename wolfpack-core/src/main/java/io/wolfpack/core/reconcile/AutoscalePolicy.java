package io.wolfpack.core.reconcile;

import io.wolfpack.core.spec.AutoscaleSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * Replica recommendations for one service and the decision they lead to. Each observation turns
 * the measured load into a count, {@code ceil(total / target)} within min and max: the request
 * rate over {@code targetRps}, or the cores the ready instances use over {@code targetCpu}. The service
 * scales up to the lowest count recommended throughout the last {@code scaleUpWindow}, and down
 * to the highest count recommended throughout the last {@code scaleDownWindow}, and only once it
 * has been watched that long: a short burst or lull changes nothing (the stabilisation windows
 * of Kubernetes' HPA, the same idea). Pure apart from its memory of recommendations; time is
 * passed in.
 */
public final class AutoscalePolicy {
    private record Sample(Instant at, int replicas) {
    }

    /** A change to make and the numbers behind it. */
    public record Decision(int from, int to, String why) {
    }

    /**
     * What was measured for the service, in the unit of its target: requests per second on its
     * route, or cores used summed over its ready instances; {@code instances} is how many shared it.
     */
    public record Load(double total, int instances) {
    }

    private final Deque<Sample> samples = new ArrayDeque<>();
    private Instant watchedSince;

    /** Records a request-rate observation; returns the change to make, if any. */
    public Optional<Decision> observe(AutoscaleSpec spec, int current, double rps, int instances, Instant now) {
        return observe(spec, current, new Load(rps, instances), now);
    }

    /**
     * Records an observation; returns the change to make, if any. A null {@code load} means nothing
     * could be measured (no ready instance reported its CPU yet): the count is only brought back
     * within min and max, and no recommendation is recorded, so no scaling rests on a guess.
     */
    public Optional<Decision> observe(AutoscaleSpec spec, int current, Load load, Instant now) {
        String numbers = load == null ? null : record(spec, load, now);
        if (current < spec.min() || current > spec.max()) {
            int to = Math.max(spec.min(), Math.min(spec.max(), current));
            return Optional.of(new Decision(current, to, "outside min " + spec.min() + " / max " + spec.max()));
        }
        if (numbers == null) return Optional.empty();
        Duration up = spec.scaleUpWindow().toDuration();
        int lowestInUpWindow = extreme(now.minus(up), true);
        if (lowestInUpWindow > current && watched(now, up)) {
            return Optional.of(new Decision(current, lowestInUpWindow, numbers + ", held " + up.toSeconds() + "s"));
        }
        Duration down = spec.scaleDownWindow().toDuration();
        int highestInDownWindow = extreme(now.minus(down), false);
        if (highestInDownWindow < current && watched(now, down)) {
            return Optional.of(new Decision(current, highestInDownWindow, numbers + ", held " + down.toSeconds() + "s"));
        }
        return Optional.empty();
    }

    /** Remembers the count this load recommends; returns the numbers behind it, as the event shows them. */
    private String record(AutoscaleSpec spec, Load load, Instant now) {
        if (watchedSince == null) watchedSince = now;
        int wanted = (int) Math.ceil(load.total() / spec.target());
        int recommended = Math.max(spec.min(), Math.min(spec.max(), wanted));
        samples.addLast(new Sample(now, recommended));
        Duration keep = max(spec.scaleUpWindow().toDuration(), spec.scaleDownWindow().toDuration());
        while (!samples.isEmpty() && samples.peekFirst().at().isBefore(now.minus(keep))) samples.removeFirst();
        return numbers(spec, load, recommended);
    }

    private static String numbers(AutoscaleSpec spec, Load load, int recommended) {
        double each = load.instances() == 0 ? 0 : load.total() / load.instances();
        if (spec.scalesOnCpu()) {
            return String.format(Locale.ROOT, "%.2f cores over %d ready instances (%.2f each), target %s each → %d wanted",
                    load.total(), load.instances(), each, trim(spec.target()), recommended);
        }
        return String.format(Locale.ROOT, "%.1f req/s over %d instances (%.1f each), target %s each → %d wanted",
                load.total(), load.instances(), each, trim(spec.target()), recommended);
    }

    private boolean watched(Instant now, Duration window) {
        return !watchedSince.plus(window).isAfter(now);
    }

    private int extreme(Instant from, boolean lowest) {
        int best = lowest ? Integer.MAX_VALUE : Integer.MIN_VALUE;
        for (Sample s : samples) {
            if (s.at().isBefore(from)) continue;
            best = lowest ? Math.min(best, s.replicas()) : Math.max(best, s.replicas());
        }
        return best;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
