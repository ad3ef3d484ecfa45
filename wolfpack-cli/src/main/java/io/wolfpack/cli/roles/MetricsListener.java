package io.wolfpack.cli.roles;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * A small HTTP listener for a role that has no API of its own (the router): {@code GET /metrics}
 * in Prometheus' text format and {@code GET /healthz}. Kept off the proxy's port so that a
 * scrape never shares an event loop with traffic, and off by default like nginx's status page.
 */
final class MetricsListener implements AutoCloseable {
    private final HttpServer http;

    private MetricsListener(HttpServer http) {
        this.http = http;
    }

    static MetricsListener start(Listen at, PrometheusMeterRegistry metrics) throws IOException {
        HttpServer http;
        try {
            http = HttpServer.create(new InetSocketAddress(at.host(), at.port()), 16);
        } catch (java.net.BindException e) {
            throw new IOException("cannot listen for metrics on " + at.host() + ":" + at.port() + ": " + e.getMessage()
                    + " (is something else on that port? choose another with --metrics)", e);
        }
        http.createContext("/metrics", ex -> answer(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
        http.createContext("/healthz", ex -> answer(ex, 200, "text/plain", "ok\n"));
        http.createContext("/", ex -> answer(ex, 404, "text/plain", "not found: " + ex.getRequestURI().getPath()
                + " (this listener serves /metrics and /healthz)\n"));
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "metrics-listener");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return new MetricsListener(http);
    }

    int port() {
        return http.getAddress().getPort();
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
            bytes = ("method " + ex.getRequestMethod() + " not allowed: use GET\n").getBytes(StandardCharsets.UTF_8);
            status = 405;
            type = "text/plain";
        }
        ex.getResponseHeaders().set("Content-Type", type);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
