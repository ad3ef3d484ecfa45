package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which instance that keeps failing where it is gets replaced (placed anew, preferably on another
 * node). The agent restarts a crashed or unhealthy container itself, with backoff; once it has
 * done so {@link #RESTARTS_BEFORE_REPLACING} times and the instance still serves nothing, the
 * node may be the problem, so the server replaces it. A service whose image is simply broken
 * would otherwise be moved around the cluster forever: replacements of one service are spaced
 * by a backoff that starts at {@link #FIRST_DELAY}, doubles with every replacement up to
 * {@link #MAX_DELAY}, and starts over after {@link #MAX_DELAY} without one.
 *
 * <p>Pure apart from the small memory of past replacements; time is passed in. Not thread-safe:
 * one controller thread uses it.
 */
public final class FailingInstances {
    public static final int RESTARTS_BEFORE_REPLACING = 3;
    public static final Duration FIRST_DELAY = Duration.ofSeconds(30);
    public static final Duration MAX_DELAY = Duration.ofMinutes(10);

    private record Past(Instant last, Duration nextDelay) {
    }

    private final Map<String, Past> past = new HashMap<>();

    /** The one instance of this service to replace now, if any: the one restarted most often. */
    public Optional<String> toReplace(String service, Collection<Instance> instances, Map<String, InstanceStatus> statuses,
                                      Instant now) {
        Past p = past.get(service);
        if (p != null && now.isBefore(p.last().plus(p.nextDelay()))) return Optional.empty();
        return instances.stream()
                .filter(i -> keepsFailing(i, statuses.get(i.id())))
                .max(Comparator.comparingInt((Instance i) -> statuses.get(i.id()).restarts()).thenComparing(Instance::id))
                .map(Instance::id);
    }

    /** Records that an instance of {@code service} was replaced at {@code now}. */
    public void replaced(String service, Instant now) {
        Past p = past.get(service);
        Duration next = FIRST_DELAY;
        if (p != null && now.isBefore(p.last().plus(p.nextDelay()).plus(MAX_DELAY))) {
            next = p.nextDelay().multipliedBy(2);
            if (next.compareTo(MAX_DELAY) > 0) next = MAX_DELAY;
        }
        past.put(service, new Past(now, next));
    }

    /** Forgets services that no longer exist. */
    public void retain(Collection<String> services) {
        past.keySet().retainAll(services);
    }

    static boolean keepsFailing(Instance i, InstanceStatus s) {
        return s != null && s.revision() == i.revision() && s.node().equals(i.node())
                && s.restarts() >= RESTARTS_BEFORE_REPLACING && !s.routable();
    }
}
