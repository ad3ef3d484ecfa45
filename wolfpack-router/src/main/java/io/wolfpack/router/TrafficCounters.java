package io.wolfpack.router;

import io.wolfpack.core.route.RouterStats.BackendStats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Per route and backend, the counters the server compares a canary with its stable backend by:
 * requests answered, upstream 5xx answers, and attempts that could not get an answer. Cumulative
 * since the router started; the server takes differences. Every event loop writes here, so the
 * counters are {@link LongAdder}s, and a request finds its cell with two map lookups and allocates
 * nothing (the Prometheus request counter cannot stand in: its 5xx class mixes the router's own
 * 502s with the upstream's). Requests that matched no route or reached no backend are left out:
 * they belong to no backend to compare.
 */
final class TrafficCounters {
    private static final Comparator<BackendStats> ORDER =
            Comparator.comparing(BackendStats::route).thenComparing(BackendStats::backend);

    private final ConcurrentMap<String, ConcurrentMap<String, Cell>> byRoute = new ConcurrentHashMap<>();

    /** The upstream of {@code backend} answered a request of {@code route} with {@code status}. */
    void upstreamAnswered(String route, String backend, int status) {
        Cell c = cell(route, backend);
        if (c == null) return;
        // requests before serverErrors, read in the opposite order: a snapshot never shows more errors than requests
        c.requests.increment();
        if (status >= 500 && status < 600) c.serverErrors.increment();
    }

    /** The router answered a request of {@code route} itself (502, 504…) after its last attempt, on {@code backend}, failed. */
    void routerAnswered(String route, String backend) {
        Cell c = cell(route, backend);
        if (c != null) c.requests.increment();
    }

    /** One attempt of {@code route} on an endpoint of {@code backend} got no answer: refused, reset or timed out. */
    void connectFailure(String route, String backend) {
        Cell c = cell(route, backend);
        if (c != null) c.connectFailures.increment();
    }

    /** Every route and backend counted so far, sorted by route then backend. */
    List<BackendStats> snapshot() {
        List<BackendStats> out = new ArrayList<>();
        for (Map.Entry<String, ConcurrentMap<String, Cell>> r : byRoute.entrySet()) {
            for (Map.Entry<String, Cell> b : r.getValue().entrySet()) {
                Cell c = b.getValue();
                long errors = c.serverErrors.sum();
                long failures = c.connectFailures.sum();
                long requests = c.requests.sum();
                out.add(new BackendStats(r.getKey(), b.getKey(), requests, errors, failures));
            }
        }
        out.sort(ORDER);
        return out;
    }

    /** Null for a request without a route or backend ({@link RouterMetrics#NONE}). */
    private Cell cell(String route, String backend) {
        if (route == null || backend == null || RouterMetrics.NONE.equals(route) || RouterMetrics.NONE.equals(backend)) {
            return null;
        }
        ConcurrentMap<String, Cell> byBackend = byRoute.get(route);
        if (byBackend == null) byBackend = byRoute.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        Cell c = byBackend.get(backend);
        return c != null ? c : byBackend.computeIfAbsent(backend, b -> new Cell());
    }

    private static final class Cell {
        final LongAdder requests = new LongAdder();
        final LongAdder serverErrors = new LongAdder();
        final LongAdder connectFailures = new LongAdder();
    }
}
