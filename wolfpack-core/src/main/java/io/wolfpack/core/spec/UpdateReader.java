package io.wolfpack.core.spec;

import java.util.List;

/** Reads {@code update}: how far a rollout may go above and below replicas, and the optional canary. */
final class UpdateReader {
    static final List<String> FIELDS = List.of("maxSurge", "maxUnavailable", "canary", "drain", "minReady", "progressDeadline");
    static final List<String> CANARY_FIELDS = List.of("weight", "hold");
    static final TimeSpan DEFAULT_HOLD = TimeSpan.ofMillis(60_000);

    private UpdateReader() {
    }

    static UpdateSpec read(Fields spec) {
        Fields u = spec.section("update", FIELDS);
        if (u == null) return null;
        Integer maxSurge = u.integer("maxSurge", 0, 100);
        Integer maxUnavailable = u.integer("maxUnavailable", 0, 100);
        int surge = maxSurge == null ? UpdateSpec.DEFAULT.maxSurge() : maxSurge;
        int unavailable = maxUnavailable == null ? UpdateSpec.DEFAULT.maxUnavailable() : maxUnavailable;
        if (surge == 0 && unavailable == 0) {
            spec.problem("update", spec.get("update"), "maxSurge and maxUnavailable are both 0, so a rollout could never"
                    + " replace an instance; raise one of them (the default is maxSurge 1, maxUnavailable 0)");
        }
        TimeSpan drain = u.duration("drain");
        if (drain != null && drain.millis() > 600_000) u.problem("drain", u.get("drain"), "must be at most 10m");
        TimeSpan minReady = u.duration("minReady");
        if (minReady != null && minReady.millis() > 3_600_000) u.problem("minReady", u.get("minReady"), "must be at most 1h");
        TimeSpan deadline = u.duration("progressDeadline");
        if (deadline != null && deadline.millis() < 10_000) {
            u.problem("progressDeadline", u.get("progressDeadline"), "must be at least 10s: a rollout needs time to start instances");
        }
        return new UpdateSpec(surge, unavailable, canary(u), drain, minReady, deadline);
    }

    private static UpdateSpec.Canary canary(Fields u) {
        Fields c = u.section("canary", CANARY_FIELDS);
        if (c == null) return null;
        Integer weight = c.integer("weight", 1, 99);
        if (weight == null && !c.has("weight")) {
            c.missing("weight", "required: the percent of traffic the new revision gets, between 1 and 99");
        }
        TimeSpan hold = c.duration("hold");
        if (hold != null && hold.millis() == 0) c.problem("hold", c.get("hold"), "must be more than 0s");
        return new UpdateSpec.Canary(weight == null ? 0 : weight, hold == null ? DEFAULT_HOLD : hold);
    }
}
