package io.wolfpack.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.MetricType;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.Exemplars;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
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
 * lookups and allocates nothing. Counters are Micrometer's; the latency histogram is the router's
 * own {@link LatencyHistogram}, exported by a collector on the registry's Prometheus side (see there
 * for why), and unregistered by {@link #close}.
 */
final class RouterMetrics {
    static final String REQUESTS = "wolfpack.router.requests";
    static final String REQUEST_SECONDS = "wolfpack_router_request_seconds";
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

    private final PrometheusMeterRegistry registry;
    private final ConcurrentMap<String, ConcurrentMap<String, RequestMeters>> requests = new ConcurrentHashMap<>();
    private final Collector latencyCollector = new LatencyCollector();
    private final ConcurrentMap<ErrorKey, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<BackendKey, Counter> ejections = new ConcurrentHashMap<>();
    private final ConcurrentMap<BackendKey, Counter> retries = new ConcurrentHashMap<>();

    /** Registers the latency histogram's collector: one RouterMetrics per registry at a time. */
    RouterMetrics(PrometheusMeterRegistry registry) {
        this.registry = registry;
        registry.getPrometheusRegistry().register(latencyCollector);
    }

    /** Takes the latency histogram off the registry; the counters stay, as Micrometer's do. */
    void close() {
        registry.getPrometheusRegistry().unregister(latencyCollector);
    }

    /** A request answered with {@code status} after {@code elapsedNanos}; {@code backend} answered it (or failed last). */
    void request(String route, String backend, int status, long elapsedNanos) {
        RequestMeters m = requestMeters(route, backend);
        m.counter(status).increment();
        m.latency.record(elapsedNanos);
    }

    private RequestMeters requestMeters(String route, String backend) {
        ConcurrentMap<String, RequestMeters> byBackend = requests.get(route);
        if (byBackend == null) byBackend = requests.computeIfAbsent(route, r -> new ConcurrentHashMap<>());
        RequestMeters m = byBackend.get(backend);
        return m != null ? m : byBackend.computeIfAbsent(backend, b -> new RequestMeters(route, b));
    }

    /** The request counters (one per status class, made on first use) and the latency histogram of one route and backend. */
    private final class RequestMeters {
        private final String route;
        private final String backend;
        private final AtomicReferenceArray<Counter> byClass = new AtomicReferenceArray<>(STATUS_CLASSES.length);
        final LatencyHistogram latency = new LatencyHistogram();
        final Labels labels;

        RequestMeters(String route, String backend) {
            this.route = route;
            this.backend = backend;
            this.labels = Labels.of("backend", backend, "route", route);
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

    /** Reads every route's and backend's latency histogram at scrape time. */
    private final class LatencyCollector implements Collector {
        private static final double[] BOUNDS = LatencyHistogram.UPPER_BOUNDS_SECONDS;

        @Override
        public MetricSnapshot collect() {
            List<HistogramDataPointSnapshot> points = new ArrayList<>();
            for (Map<String, RequestMeters> byBackend : requests.values()) {
                for (RequestMeters m : byBackend.values()) {
                    LatencyHistogram.Snapshot s = m.latency.snapshot();
                    points.add(new HistogramDataPointSnapshot(ClassicHistogramBuckets.of(BOUNDS, s.counts()),
                            s.sumSeconds(), m.labels, Exemplars.EMPTY, 0L));
                }
            }
            return new HistogramSnapshot(new MetricMetadata(REQUEST_SECONDS,
                    "Time from request head to the end of the response"), points);
        }

        @Override
        public String getPrometheusName() {
            return REQUEST_SECONDS;
        }

        @Override
        public MetricType getMetricType() {
            return MetricType.HISTOGRAM;
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
