package io.wolfpack.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The cores each instance used, as its agent last reported them (every heartbeat carries the
 * latest 5-second average). In memory, not in ZooKeeper: it changes with every report, and would
 * turn each heartbeat into a write. A server sees only the reports sent to it, like router counters.
 */
public final class InstanceCpu {
    /** A reading older than this is not used: the agent stopped measuring or reporting. */
    static final Duration FRESH = Duration.ofSeconds(30);

    private record Key(String service, String instance) {
    }

    private record Reading(double cores, Instant at) {
    }

    private final Map<Key, Reading> latest = new ConcurrentHashMap<>();
    private final Clock clock;

    public InstanceCpu(Clock clock) {
        this.clock = clock;
    }

    /** Takes the CPU from a report; null (not measured) forgets the last one. */
    public void report(String service, String instance, Double cores) {
        Key key = new Key(service, instance);
        if (cores == null) {
            latest.remove(key);
        } else {
            latest.put(key, new Reading(cores, clock.instant()));
        }
    }

    /** The instance's cores from a recent report, or null. */
    public Double cores(String service, String instance) {
        Reading r = latest.get(new Key(service, instance));
        return r == null || r.at().plus(FRESH).isBefore(clock.instant()) ? null : r.cores();
    }

    /** Drops readings too old to use (instances removed, nodes gone). */
    public void forgetStale() {
        Instant oldest = clock.instant().minus(FRESH);
        latest.values().removeIf(r -> r.at().isBefore(oldest));
    }
}
