package io.wolfpack.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The router's meters. Names are Micrometer's dotted form; the Prometheus registry renders them as
 * {@code wolfpack_router_requests_total}, {@code wolfpack_router_request_seconds},
 * {@code wolfpack_router_upstream_errors_total}, {@code wolfpack_router_ejections_total},
 * {@code wolfpack_router_retries_total} and {@code wolfpack_router_access_log_dropped_total}.
 * Every request-level meter is tagged with route and backend, so a canary's errors and latency
 * are seen apart from the stable backend's. Tags stay low-cardinality: route and backend names
 * come from the table, "-" when a request matched none. Meters are cached because the registry
 * lookup costs more than the increment; a request finds its route's and backend's with two map
 * lookups and allocates nothing.
 */
final class RouterMetrics {
    static final String REQUESTS = "wolfpack.router.requests";
    static final String REQUEST_TIME = "wolfpack.router.request";
    static final String UPSTREAM_ERRORS = "wolfpack.router.upstream.errors";
    static final String EJECTIONS = "wolfpack.router.ejections";
    static final String RETRIES = "wolfpack.router.retries";
    static final String ACCESS_LOG_DROPPED = "wolfpack.router.access.log.dropped";
    static final String NONE = "-";

    private static final String[] STATUS_CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx", "other"};

    private record BackendKey(String route, String backend) {
    }

    private record ErrorKey(String route, String backend, String reason) {
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, ConcurrentMap<String, RequestMeters>> requests = new ConcurrentHashMap<>();
    private final ConcurrentMap<ErrorKey, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<BackendKey, Counter> ejections = new ConcurrentHashMap<>();
    private final ConcurrentMap<BackendKey, Counter> retries = new ConcurrentHashMap<>();

    RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A request answered with {@code status} after {@code elapsedNanos}; {@code backend} answered it (or failed last). */
    void request(String route, String backend, int status, long elapsedNanos) {
        RequestMeters m = requestMeters(route, backend);
        m.counter(status).increment();
        m.timer.record(elapsedNanos, TimeUnit.NANOSECONDS);
    }

    private RequestMeters requestMeters(String route, String backend) {
        ConcurrentMap<String, RequestMeters> byBackend = requests.get(route);
        if (byBackend == null) byBackend = requests.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        RequestMeters m = byBackend.get(backend);
        return m != null ? m : byBackend.computeIfAbsent(backend, b -> new RequestMeters(route, b));
    }

    /** The request counters (one per status class, made on first use) and the latency timer of one route and backend. */
    private final class RequestMeters {
        private final String route;
        private final String backend;
        private final AtomicReferenceArray<Counter> byClass = new AtomicReferenceArray<>(STATUS_CLASSES.length);
        final Timer timer;

        RequestMeters(String route, String backend) {
            this.route = route;
            this.backend = backend;
            timer = Timer.builder(REQUEST_TIME)
                    .description("Time from request head to the end of the response")
                    .tag("route", route).tag("backend", backend)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1))
                    .maximumExpectedValue(Duration.ofSeconds(60))
                    .register(registry);
        }

        Counter counter(int status) {
            int i = status >= 100 && status < 600 ? status / 100 - 1 : STATUS_CLASSES.length - 1;
            Counter c = byClass.get(i);
            if (c == null) {
                // two threads may both get here; the registry hands both the same counter
                c = Counter.builder(REQUESTS)
                        .description("HTTP requests answered by the router")
                        .tag("route", route).tag("backend", backend).tag("status_class", STATUS_CLASSES[i])
                        .register(registry);
                byClass.set(i, c);
            }
            return c;
        }
    }

    /** An attempt of {@code route} on an endpoint of {@code backend} failed for {@code reason}. */
    void upstreamError(String route, String backend, String reason) {
        errors.computeIfAbsent(new ErrorKey(route, backend, reason), k -> Counter.builder(UPSTREAM_ERRORS)
                .description("Upstream connections or responses that failed")
                .tag("route", k.route()).tag("backend", k.backend()).tag("reason", k.reason())
                .register(registry)).increment();
    }

    /** An endpoint of {@code backend} was ejected after a request of {@code route} failed on it. */
    void ejection(String route, String backend) {
        ejections.computeIfAbsent(new BackendKey(route, backend), k -> Counter.builder(EJECTIONS)
                .description("Endpoints ejected for a while after a connection failure or timeout")
                .tag("route", k.route()).tag("backend", k.backend())
                .register(registry)).increment();
    }

    /** A request of {@code route} failed on an endpoint of {@code backend} and was sent again to another endpoint. */
    void retry(String route, String backend) {
        retries.computeIfAbsent(new BackendKey(route, backend), k -> Counter.builder(RETRIES)
                .description("GET and HEAD requests retried on another endpoint, by the backend that failed")
                .tag("route", k.route()).tag("backend", k.backend())
                .register(registry)).increment();
    }

    /** The counter of access log lines dropped because the writer fell behind; registered when the log is on. */
    Counter accessLogDropped() {
        return Counter.builder(ACCESS_LOG_DROPPED)
                .description("Access log lines dropped because the queue to the writer thread was full")
                .register(registry);
    }

    static String statusClass(int status) {
        return status >= 100 && status < 600 ? STATUS_CLASSES[status / 100 - 1] : "other";
    }
}
