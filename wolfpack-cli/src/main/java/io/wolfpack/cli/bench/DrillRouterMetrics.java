package io.wolfpack.cli.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Samples the router's Prometheus counters (docs/ROUTER.md) every 50 ms: upstream errors (every
 * failed attempt at an endpoint, retried or not), retries and ejections of the drill's route.
 */
final class DrillRouterMetrics implements AutoCloseable {
    static final long INTERVAL_MILLIS = 50;
    static final String UPSTREAM_ERRORS = "wolfpack_router_upstream_errors_total";
    static final String RETRIES = "wolfpack_router_retries_total";
    static final String EJECTIONS = "wolfpack_router_ejections_total";

    /** The route's counters at one moment. */
    record Sample(long atNanos, double upstreamErrors, double retries, double ejections) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final URI url;
    private final String route;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile String unavailable;

    DrillRouterMetrics(URI url, String route) {
        this.url = url;
        this.route = route;
        this.unavailable = probe();
        this.thread = new Thread(this::loop, "drill-router-metrics");
        thread.setDaemon(true);
        if (unavailable == null) thread.start();
    }

    /** A stand-in for when no metrics URL is known. */
    static DrillRouterMetrics none(String why) {
        return new DrillRouterMetrics(why);
    }

    private DrillRouterMetrics(String why) {
        this.url = null;
        this.route = null;
        this.unavailable = why;
        this.thread = null;
    }

    private String probe() {
        try {
            HttpResponse<String> r = get();
            if (r.statusCode() != 200) {
                return "GET " + url + " answered " + r.statusCode() + r.headers().firstValue("X-Wolfpack-Router").map(c -> " " + c).orElse("")
                        + " (give the router's metrics URL with --router-metrics)";
            }
            if (!r.body().contains("wolfpack_router_")) return "GET " + url + " has no wolfpack_router_ metrics";
            return null;
        } catch (IOException e) {
            return "GET " + url + " failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private HttpResponse<String> get() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(1)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private void loop() {
        while (running) {
            long t = System.nanoTime();
            try {
                HttpResponse<String> r = get();
                if (r.statusCode() == 200) {
                    String text = r.body();
                    Sample s = new Sample(t, sum(text, UPSTREAM_ERRORS, route), sum(text, RETRIES, route), sum(text, EJECTIONS, route));
                    synchronized (samples) {
                        samples.add(s);
                    }
                }
                TimeUnit.MILLISECONDS.sleep(INTERVAL_MILLIS);
            } catch (IOException e) {
                // One missed sample only lowers the resolution; the next one counts everything since.
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * The sum of every series of {@code metric} whose {@code route} label is {@code route} (every
     * series when route is null), from Prometheus text such as
     * {@code wolfpack_router_upstream_errors_total{reason="refused",route="web",} 3.0}.
     */
    static double sum(String text, String metric, String route) {
        double total = 0;
        for (String line : text.split("\n")) {
            if (!line.startsWith(metric)) continue;
            String rest = line.substring(metric.length());
            String labels = "";
            if (rest.startsWith("{")) {
                int close = rest.indexOf('}');
                if (close < 0) continue;
                labels = rest.substring(1, close);
                rest = rest.substring(close + 1);
            } else if (!rest.startsWith(" ")) {
                continue; // another metric whose name starts the same
            }
            if (route != null && !("," + labels).contains(",route=\"" + route + "\"")) continue;
            String[] parts = rest.trim().split("\\s+");
            try {
                total += Double.parseDouble(parts[0]);
            } catch (NumberFormatException e) {
                // not a sample line
            }
        }
        return total;
    }

    String unavailable() {
        return unavailable;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(2000);
        }
    }
}
