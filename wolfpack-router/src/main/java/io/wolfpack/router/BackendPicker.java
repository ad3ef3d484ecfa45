package io.wolfpack.router;

import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Chooses where one request of a route goes: a backend at random in proportion to its weight
 * (only backends with weight > 0 and at least one endpoint take part), then that backend's
 * endpoints in turn. Random choice needs no shared state between event loops; the round-robin
 * cursor is one atomic per backend. The caller passes the random source, so tests are seeded.
 */
public final class BackendPicker {
    /** The chosen backend and endpoint. */
    public record Pick(Backend backend, Endpoint endpoint) {
    }

    private final Backend[] backends;
    private final long[] cumulative; // running weight totals, same order as backends
    private final AtomicInteger[] cursors;
    private final long total;

    private BackendPicker(List<Backend> eligible) {
        backends = eligible.toArray(new Backend[0]);
        cumulative = new long[backends.length];
        cursors = new AtomicInteger[backends.length];
        long sum = 0;
        for (int i = 0; i < backends.length; i++) {
            sum += backends[i].weight();
            cumulative[i] = sum;
            cursors[i] = new AtomicInteger();
        }
        total = sum;
    }

    public static BackendPicker of(Route route) {
        List<Backend> eligible = new ArrayList<>();
        for (Backend b : route.backends()) {
            if (b.weight() > 0 && !b.endpoints().isEmpty()) eligible.add(b);
        }
        return new BackendPicker(eligible);
    }

    /** True when no backend can take traffic: the route has no healthy endpoint. */
    public boolean isEmpty() {
        return backends.length == 0;
    }

    /** A backend and endpoint, or null when the route has no healthy endpoint. */
    public Pick pick(RandomGenerator random) {
        if (backends.length == 0) return null;
        int i = backends.length == 1 ? 0 : indexFor(random.nextLong(total));
        return new Pick(backends[i], nextEndpoint(i));
    }

    /**
     * Like {@link #pick(RandomGenerator)}, skipping endpoints that {@code usable} rejects (for
     * example ones ejected after failures). Backends left without a usable endpoint drop out and
     * the others keep their relative weights. Null when nothing is usable.
     */
    public Pick pick(RandomGenerator random, Predicate<Endpoint> usable) {
        Pick first = pick(random);
        if (first == null || usable.test(first.endpoint())) return first;
        return pickAmongUsable(random, usable);
    }

    private Pick pickAmongUsable(RandomGenerator random, Predicate<Endpoint> usable) {
        long[] weights = new long[backends.length];
        long sum = 0;
        for (int i = 0; i < backends.length; i++) {
            if (backends[i].endpoints().stream().anyMatch(usable)) {
                sum += backends[i].weight();
            }
            weights[i] = sum;
        }
        if (sum == 0) return null;
        long r = random.nextLong(sum);
        int i = 0;
        while (weights[i] <= r) i++;
        List<Endpoint> endpoints = backends[i].endpoints();
        for (int tries = 0; tries < endpoints.size(); tries++) {
            Endpoint e = nextEndpoint(i);
            if (usable.test(e)) return new Pick(backends[i], e);
        }
        return null;
    }

    /**
     * Like {@link #pick(RandomGenerator, Predicate)}, but when no endpoint is usable it picks among
     * all of them instead of giving up. This is "panic mode", as Envoy calls it: if every endpoint
     * looks bad, the judgement is more likely wrong than the whole route, and ejecting everything
     * must never turn a route into nothing but 503s. Null only when the route has no endpoint.
     */
    public Pick pickPreferring(RandomGenerator random, Predicate<Endpoint> usable) {
        Pick first = pick(random);
        if (first == null || usable.test(first.endpoint())) return first;
        Pick p = pickAmongUsable(random, usable);
        // the first pick keeps its turn, so panic mode still spreads load over all endpoints
        return p != null ? p : first;
    }

    private int indexFor(long r) {
        // few backends per route: a linear scan beats a binary search here
        int i = 0;
        while (cumulative[i] <= r) i++;
        return i;
    }

    private Endpoint nextEndpoint(int backend) {
        List<Endpoint> endpoints = backends[backend].endpoints();
        if (endpoints.size() == 1) return endpoints.get(0);
        return endpoints.get(Math.floorMod(cursors[backend].getAndIncrement(), endpoints.size()));
    }
}
