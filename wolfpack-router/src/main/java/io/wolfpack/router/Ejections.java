package io.wolfpack.router;

import io.wolfpack.core.route.Endpoint;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passive outlier detection: endpoints that refused, reset or timed out are left out of the
 * endpoint choice for a while. The first ejection lasts {@code backoff.initial()}, each further one
 * in a row doubles up to {@code backoff.max()}; a success forgets the endpoint. Failures while an
 * endpoint is already ejected (requests that were in flight, or panic-mode traffic) do not extend
 * it. Times are {@link System#nanoTime()} values passed in by the caller, so tests use a fake clock.
 * Shared by all event loops, hence the concurrent map and atomic per-key updates.
 */
final class Ejections {
    /**
     * 3 s, doubling to 30 s: longer than the server takes to drop a silent host's endpoints from
     * the routes (suspect after 2 s, checked every 250 ms), so a dead endpoint is not tried again
     * before it is gone; short enough that a restarted backend is back in seconds.
     */
    static final Backoff DEFAULT_BACKOFF = new Backoff(Duration.ofSeconds(3), Duration.ofSeconds(30));
    /** Above this many tracked endpoints, long-expired entries (endpoints gone from the table) are dropped. */
    static final int PRUNE_ABOVE = 4096;

    private record State(int ejections, long untilNanos) {
    }

    private final Backoff backoff;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    private final Map<String, State> hosts = new ConcurrentHashMap<>();

    Ejections(Backoff backoff) {
        this.backoff = backoff;
    }

    /**
     * Records a failure of {@code address} at {@code nowNanos}. True when this ejected it; false when
     * it was already ejected (the ejection is left as it is).
     */
    boolean eject(String address, long nowNanos) {
        boolean[] ejected = {false};
        states.compute(address, (a, s) -> {
            if (s != null && s.untilNanos() - nowNanos > 0) return s;
            int n = s == null ? 1 : s.ejections() + 1;
            ejected[0] = true;
            return new State(n, nowNanos + backoff.delay(n).toNanos());
        });
        if (ejected[0] && states.size() > PRUNE_ABOVE) prune(nowNanos);
        return ejected[0];
    }

    /** True while {@code address} sits out an ejection. */
    boolean isEjected(String address, long nowNanos) {
        State s = states.get(address);
        return s != null && s.untilNanos() - nowNanos > 0;
    }

    /**
     * A host that did not answer a connection attempt at all (connect timeout: cut off, powered
     * off) takes every endpoint on it out for the same time; a refused port is only that endpoint.
     */
    void ejectHost(String host, long nowNanos) {
        hosts.compute(host, (h, s) -> {
            if (s != null && s.untilNanos() - nowNanos > 0) return s;
            int n = s == null ? 1 : s.ejections() + 1;
            return new State(n, nowNanos + backoff.delay(n).toNanos());
        });
    }

    /** True when no endpoint or host was ever ejected (or all were forgotten): every endpoint is usable. */
    boolean none() {
        return states.isEmpty() && hosts.isEmpty();
    }

    /** True while the endpoint or its whole host sits out an ejection. */
    boolean isEjected(Endpoint e, long nowNanos) {
        if (!hosts.isEmpty()) {
            State h = hosts.get(e.host());
            if (h != null && h.untilNanos() - nowNanos > 0) return true;
        }
        return !states.isEmpty() && isEjected(e.address(), nowNanos);
    }

    /** As {@link #succeeded(String)}, for every response: builds no address string while nothing is tracked. */
    void succeeded(Endpoint endpoint) {
        if (!states.isEmpty()) states.remove(endpoint.address());
    }

    /** A response came back from {@code address}: its next failure starts from the shortest ejection again. */
    void succeeded(String address) {
        if (!states.isEmpty()) states.remove(address);
    }

    /** A response came back from an endpoint on {@code host}: the host answers again. */
    void hostAnswered(String host) {
        if (!hosts.isEmpty()) hosts.remove(host);
    }

    /** How many ejections in a row {@code address} has had; 0 when it has none on record. */
    int ejectionsInARow(String address) {
        State s = states.get(address);
        return s == null ? 0 : s.ejections();
    }

    int tracked() {
        return states.size();
    }

    private void prune(long nowNanos) {
        long stale = backoff.max().toNanos();
        states.entrySet().removeIf(e -> nowNanos - e.getValue().untilNanos() > stale);
    }
}
