package io.wolfpack.server.cluster;

import io.wolfpack.core.reconcile.CanaryJudge.Traffic;
import io.wolfpack.core.route.RouterStats;
import io.wolfpack.core.route.RouterStats.BackendStats;

import java.util.HashMap;
import java.util.Map;

/**
 * Traffic per route and backend summed over every router, from their reports (cumulative counters
 * per router; the growth since a router's last report is added here). In memory: a new leader
 * starts from zero, which only makes a canary's window start later.
 */
public final class TrafficStats {
    private record Key(String route, String backend) {
    }

    private final Map<String, Map<Key, BackendStats>> lastByRouter = new HashMap<>();
    private final Map<Key, long[]> totals = new HashMap<>();

    public synchronized void accept(RouterStats stats) {
        Map<Key, BackendStats> last = lastByRouter.computeIfAbsent(stats.router(), r -> new HashMap<>());
        for (BackendStats b : stats.backends()) {
            Key key = new Key(b.route(), b.backend());
            BackendStats before = last.put(key, b);
            long[] t = totals.computeIfAbsent(key, k -> new long[3]);
            t[0] += grow(before == null ? 0 : before.requests(), b.requests());
            t[1] += grow(before == null ? 0 : before.serverErrors(), b.serverErrors());
            t[2] += grow(before == null ? 0 : before.connectFailures(), b.connectFailures());
        }
    }

    /** Everything counted so far for one backend of a route. */
    public synchronized Traffic total(String route, String backend) {
        long[] t = totals.get(new Key(route, backend));
        return t == null ? Traffic.NONE : new Traffic(t[0], t[1], t[2]);
    }

    /** Requests answered on every backend of a route, so far. */
    public synchronized long routeRequests(String route) {
        long sum = 0;
        for (Map.Entry<Key, long[]> e : totals.entrySet()) if (e.getKey().route().equals(route)) sum += e.getValue()[0];
        return sum;
    }

    /** The traffic since {@code baseline} was taken (a counter never goes down here). */
    public static Traffic since(Traffic now, Traffic baseline) {
        return new Traffic(now.requests() - baseline.requests(), now.serverErrors() - baseline.serverErrors(),
                now.connectFailures() - baseline.connectFailures());
    }

    private static long grow(long before, long now) {
        return now >= before ? now - before : now;
    }

    /** Forgets routers not heard from; called rarely, their totals stay. */
    public synchronized void forget(String router) {
        lastByRouter.remove(router);
    }
}
