package io.wolfpack.cli.bench;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Steady GET load through the router, open loop: {@code threads} sender threads together start
 * {@code rate} requests a second on a fixed schedule, each sent asynchronously on one shared
 * keep-alive HTTP/1.1 client, so a request that hangs never holds back the ones after it (as
 * with real users; a closed loop would stop sending exactly while the failed host swallows
 * requests, and hide failures). Every request is recorded with who answered it. The JVM must
 * allow the Host header ({@code jdk.httpclient.allowRestrictedHeaders=host}), which
 * {@link FailoverDrill#main} sets before any client exists.
 */
final class DrillLoad implements AutoCloseable {
    /** The demo page: {@code <h1>Hello from INSTANCE (container ID)</h1>}. */
    private static final Pattern INSTANCE = Pattern.compile("Hello from (\\S+) \\(");

    private final HttpClient http;
    private final HttpRequest request;
    private final long intervalNanos;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Thread> senders = new ArrayList<>();
    private final List<DrillRequest> recorded = new ArrayList<>();
    private volatile boolean running = true;

    DrillLoad(String routerUrl, String host, int threads, int rate, Duration timeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.request = HttpRequest.newBuilder(URI.create(routerUrl + "/")).header("Host", host).timeout(timeout).GET().build();
        this.intervalNanos = TimeUnit.SECONDS.toNanos(threads) / rate;
        // Every request ends within the timeout, so more than twice rate × timeout in flight means the client itself is stuck.
        this.maxInFlight = (int) Math.max(100, 2L * rate * timeout.toMillis() / 1000);
        for (int i = 0; i < threads; i++) {
            // Each sender starts a fraction of an interval after the last, so the load is even, not in bursts.
            long offset = intervalNanos * i / threads;
            Thread t = new Thread(() -> loop(offset), "drill-load-" + i);
            t.setDaemon(true);
            senders.add(t);
        }
    }

    void start() {
        senders.forEach(Thread::start);
    }

    private void loop(long offset) {
        long next = System.nanoTime() + offset;
        while (running) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    TimeUnit.NANOSECONDS.sleep(wait);
                } catch (InterruptedException e) {
                    return;
                }
            }
            send();
            // A sender that fell behind (a starved machine) does not make up with a burst.
            next = Math.max(next + intervalNanos, System.nanoTime());
        }
    }

    private void send() {
        long start = System.nanoTime();
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            record(new DrillRequest(start, start, 0, null, "not sent: " + maxInFlight + " requests already in flight"));
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).whenComplete((resp, error) -> {
            inFlight.decrementAndGet();
            long end = System.nanoTime();
            record(error != null ? new DrillRequest(start, end, 0, null, describe(error)) : answered(start, end, resp));
        });
    }

    private static DrillRequest answered(long start, long end, HttpResponse<String> resp) {
        String body = resp.body() == null ? "" : resp.body();
        Matcher m = INSTANCE.matcher(body);
        String instance = m.find() ? m.group(1) : null;
        int status = resp.statusCode();
        if (status >= 200 && status < 300) return new DrillRequest(start, end, status, instance, null);
        String code = resp.headers().firstValue("X-Wolfpack-Router").orElse("from the backend");
        return new DrillRequest(start, end, status, instance, status + " " + code + ": " + firstLine(body));
    }

    static String describe(Throwable error) {
        Throwable e = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (e instanceof HttpConnectTimeoutException) return "connecting to the router timed out";
        if (e instanceof HttpTimeoutException) return "no response within the request timeout";
        if (e instanceof ConnectException) return "cannot connect to the router: " + e;
        return "I/O error: " + e;
    }

    private static String firstLine(String body) {
        String line = body.lines().findFirst().orElse("").trim();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }

    private void record(DrillRequest r) {
        synchronized (recorded) {
            recorded.add(r);
        }
    }

    /** Every request answered (or failed) so far, in start order. */
    List<DrillRequest> requests() {
        List<DrillRequest> all;
        synchronized (recorded) {
            all = new ArrayList<>(recorded);
        }
        all.sort((a, b) -> Long.compare(a.startNanos(), b.startNanos()));
        return all;
    }

    /** Stops sending and waits for the requests in flight (each ends within the request timeout). */
    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : senders) {
            t.interrupt();
            t.join(2000);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) TimeUnit.MILLISECONDS.sleep(20);
    }
}
