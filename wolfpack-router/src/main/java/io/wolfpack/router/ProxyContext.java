package io.wolfpack.router;

import io.wolfpack.core.route.Endpoint;

import java.util.function.Supplier;

/**
 * What every client connection shares: config, the live table, metrics, the traffic counters for
 * the server, the access log, the upstream pools and ejections.
 */
record ProxyContext(RouterConfig config, Supplier<CompiledTable> tables, RouterMetrics metrics, TrafficCounters traffic,
                    AccessLog accessLog, UpstreamConnector upstreams, Ejections ejections) {

    /** A request got its answer: counted in the metrics and, when the access log is on, logged. */
    void answered(RequestInfo request, String route, String backend, Endpoint upstream, int status, long bytes,
                  boolean retried) {
        long elapsed = System.nanoTime() - request.startNanos();
        metrics.request(route, backend, status, elapsed);
        logAccess(request, route, backend, upstream, status, bytes, retried, elapsed);
    }

    /** Only the access log line (a WebSocket is counted at its handshake but logged when it closes). */
    void logAccess(RequestInfo request, String route, String backend, Endpoint upstream, int status, long bytes,
                   boolean retried, long elapsedNanos) {
        if (!accessLog.enabled()) return;
        accessLog.log(new AccessLogEntry(System.currentTimeMillis(), request.client(), request.method(), request.uri(),
                status, bytes, elapsedNanos, route, backend, upstream == null ? null : upstream.address(), retried));
    }
}
