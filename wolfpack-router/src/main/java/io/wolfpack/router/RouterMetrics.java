package io.wolfpack.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The router's meters. Names are Micrometer's dotted form; the Prometheus registry renders them as
 * {@code wolfpack_router_requests_total}, {@code wolfpack_router_request_seconds},
 * {@code wolfpack_router_upstream_errors_total}, {@code wolfpack_router_ejections_total} and
 * {@code wolfpack_router_retries_total}. Tags stay low-cardinality: route and backend
 * names come from the table, "-" when a request matched none. Meters are cached because the
 * registry lookup costs more than the increment.
 */
final class RouterMetrics {
    static final String REQUESTS = "wolfpack.router.requests";
    static final String REQUEST_TIME = "wolfpack.router.request";
    static final String UPSTREAM_ERRORS = "wolfpack.router.upstream.errors";
    static final String EJECTIONS = "wolfpack.router.ejections";
    static final String RETRIES = "wolfpack.router.retries";
    static final String NONE = "-";

    private record RequestKey(String route, String backend, String statusClass) {
    }

    private record ErrorKey(String route, String reason) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<RequestKey, Counter> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorKey, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> ejections = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> retries = new ConcurrentHashMap<>();

    RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void request(String route, String backend, int status, long elapsedNanos) {
        RequestKey key = new RequestKey(route, backend, statusClass(status));
        requests.computeIfAbsent(key, k -> Counter.builder(REQUESTS)
                .description("HTTP requests answered by the router")
                .tag("route", k.route()).tag("backend", k.backend()).tag("status_class", k.statusClass())
                .register(registry)).increment();
        timers.computeIfAbsent(route, r -> Timer.builder(REQUEST_TIME)
                .description("Time from request head to the end of the response")
                .tag("route", r)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry)).record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    void upstreamError(String route, String reason) {
        errors.computeIfAbsent(new ErrorKey(route, reason), k -> Counter.builder(UPSTREAM_ERRORS)
                .description("Upstream connections or responses that failed")
                .tag("route", k.route()).tag("reason", k.reason())
                .register(registry)).increment();
    }

    /** An endpoint was ejected after a request of {@code route} failed on it. */
    void ejection(String route) {
        ejections.computeIfAbsent(route, r -> Counter.builder(EJECTIONS)
                .description("Endpoints ejected for a while after a connection failure or timeout")
                .tag("route", r)
                .register(registry)).increment();
    }

    /** A request of {@code route} was sent again to another endpoint after the first one failed. */
    void retry(String route) {
        retries.computeIfAbsent(route, r -> Counter.builder(RETRIES)
                .description("GET and HEAD requests retried on another endpoint")
                .tag("route", r)
                .register(registry)).increment();
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "other";
    }
}
