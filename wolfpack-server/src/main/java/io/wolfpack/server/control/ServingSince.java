package io.wolfpack.server.control;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each instance was first seen passing its check, in this server's memory: what
 * {@code update.minReady} is measured from. A new leader starts counting afresh, which only
 * errs on the side of waiting longer.
 */
final class ServingSince {
    private final Map<String, Instant> since = new ConcurrentHashMap<>();

    /** Records a status as it changes. */
    void observe(String instance, InstanceStatus status, Instant now) {
        if (status != null && status.routable()) since.putIfAbsent(instance, now);
        else since.remove(instance);
    }

    /** Instances that pass their check but not yet for {@code minReady}. */
    Set<String> warmingUp(Collection<Instance> instances, Duration minReady, Instant now) {
        Set<String> out = new HashSet<>();
        if (minReady.isZero()) return out;
        for (Instance i : instances) {
            Instant s = since.get(i.id());
            if (s != null && now.isBefore(s.plus(minReady))) out.add(i.id());
        }
        return out;
    }

    /** How long until the first of {@code warming} has been serving for {@code minReady}. */
    Optional<Duration> nextSettled(Set<String> warming, Duration minReady, Instant now) {
        return warming.stream().map(since::get).filter(java.util.Objects::nonNull)
                .map(s -> Duration.between(now, s.plus(minReady))).min(Duration::compareTo);
    }

    void forget(String instance) {
        since.remove(instance);
    }
}
