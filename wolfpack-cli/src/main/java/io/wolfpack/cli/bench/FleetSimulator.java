package io.wolfpack.cli.bench;

import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.NodeAssignments;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A fleet of simulated agents in one process, without containers: N nodes register by reporting,
 * long-poll their assignments, and report every assigned instance running and passing in their
 * next heartbeat. Heartbeats go out every interval per node, spread evenly over the interval.
 *
 * <p>It speaks the same HTTP as {@code ApiClient} (same URLs and headers) but through
 * {@link HttpClient#sendAsync}: 10,000 agents hold 10,000 assignment long-polls open, as a real
 * fleet does, and blocking calls would need a thread each. A small pool ({@code --threads}) only
 * handles completed responses. A node sends its next heartbeat only after the previous one was
 * answered (as an agent does); a heartbeat that comes due while the last is still in flight is
 * counted as "skipped", the sign that the server does not keep up.
 *
 * <p>Every 5 s it prints a progress line. Control on stdin: {@code reset} starts a new
 * measurement window, {@code stop} (or end of input, or {@code --duration}) prints one
 * {@code SUMMARY key=value ...} line for the window and exits.
 */
public final class FleetSimulator {
    static final String SUMMARY = "SUMMARY";
    private static final Duration POLL_WAIT = Duration.ofSeconds(20);
    private static final int ERRORS_SHOWN = 5;

    private final URI base;
    private final String token;
    private final Duration interval;
    private final List<SimNode> nodes = new ArrayList<>();
    private final HttpClient http;
    private final ExecutorService responses;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "fleet-timer"));
    private final Latencies window = new Latencies();
    private final Latencies measured = new Latencies();
    private final AtomicLong reports = new AtomicLong();
    private final AtomicLong windowReports = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();
    private final AtomicLong polls = new AtomicLong();
    private final AtomicLong pollErrors = new AtomicLong();
    private final AtomicInteger registered = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final long startedAt = System.nanoTime();
    private volatile long measuredSince = System.nanoTime();
    private volatile boolean stopping;

    FleetSimulator(String server, String token, int nodeCount, Duration interval, int threads) {
        this.base = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        this.token = token;
        this.interval = interval;
        for (int i = 1; i <= nodeCount; i++) nodes.add(new SimNode(i));
        this.responses = Executors.newFixedThreadPool(threads, r -> daemon(r, "fleet-responses"));
        // HTTP/1.1 as the agent effectively uses: no h2c upgrade attempt on each new connection.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(responses)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs("FleetSimulator", args);
        String server = a.string("server", "http://127.0.0.1:7700");
        String tokenFile = a.string("join-token-file", null);
        int n = a.integer("nodes", 1000);
        Duration heartbeat = a.duration("heartbeat", Duration.ofSeconds(1));
        int threads = a.integer("threads", 4);
        Duration duration = a.duration("duration", Duration.ZERO);
        a.checkAllUsed();
        if (tokenFile == null) throw new IllegalArgumentException("FleetSimulator: --join-token-file FILE is required (the server's DATA_DIR/join-token)");
        if (n < 1 || threads < 1 || heartbeat.isZero()) throw new IllegalArgumentException("FleetSimulator: --nodes, --threads and --heartbeat must be above 0");
        String token = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).trim();
        FleetSimulator sim = new FleetSimulator(server, token, n, heartbeat, threads);
        System.out.printf("[fleet] %,d nodes against %s, heartbeat every %s, %d response threads%n", n, server,
                FleetPhase.human(heartbeat), threads);
        sim.run(duration);
        System.exit(0);
    }

    void run(Duration duration) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        timer.scheduleAtFixedRate(this::progress, 5, 5, TimeUnit.SECONDS);
        if (!duration.isZero()) timer.schedule(stop::countDown, duration.toMillis(), TimeUnit.MILLISECONDS);
        Thread control = daemon(() -> readControl(stop), "fleet-control");
        control.start();
        Thread ticker = daemon(this::heartbeats, "fleet-heartbeats");
        ticker.start();
        stop.await();
        stopping = true;
        System.out.println(summary());
        System.out.flush();
    }

    private void readControl(CountDownLatch stop) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.trim().equals("reset")) reset();
                else if (line.trim().equals("stop")) break;
            }
        } catch (java.io.IOException e) {
            System.out.println("[fleet] stdin closed: " + e.getMessage());
        }
        stop.countDown();
    }

    /** Starts a new measurement window: the summary covers only what follows. */
    private void reset() {
        measured.drain();
        reports.set(0);
        errors.set(0);
        skipped.set(0);
        pollErrors.set(0);
        measuredSince = System.nanoTime();
        System.out.println("[fleet] measurement window reset");
    }

    /** Sends node i's heartbeat at i × (interval / N) into every interval. */
    private void heartbeats() {
        long slot = Math.max(1, interval.toNanos() / nodes.size());
        long start = System.nanoTime();
        long next = 0;
        while (!stopping) {
            long due = (System.nanoTime() - start) / slot;
            for (; next <= due && !stopping; next++) report(nodes.get((int) (next % nodes.size())));
            LockSupport.parkNanos(Math.min(slot, 2_000_000));
        }
    }

    private void report(SimNode node) {
        if (!node.reportInFlight.compareAndSet(false, true)) {
            skipped.incrementAndGet();
            return;
        }
        SimNode.Heartbeat hb = node.heartbeat();
        HttpRequest req = request("/v1/agent/report", Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(hb.body()))
                .header("Content-Type", "application/json").build();
        long t0 = System.nanoTime();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((resp, err) -> {
            long micros = (System.nanoTime() - t0) / 1000;
            node.reportInFlight.set(false);
            if (err != null || (resp.statusCode() != 200 && resp.statusCode() != 204)) {
                error(errors, "report of " + node.name(), err, resp);
                return;
            }
            window.record(micros);
            measured.record(micros);
            reports.incrementAndGet();
            windowReports.incrementAndGet();
            boolean first = !node.registered();
            running.addAndGet(node.accepted(hb));
            if (first) {
                registered.incrementAndGet();
                poll(node);
            }
        });
    }

    /** Long-polls the node's assignments for as long as the simulator runs. */
    private void poll(SimNode node) {
        if (stopping) return;
        String path = "/v1/agent/assignments?node=" + URLEncoder.encode(node.name(), StandardCharsets.UTF_8)
                + "&after=" + node.assignmentsVersion() + "&wait=" + POLL_WAIT.toMillis() + "ms";
        HttpRequest req = request(path, POLL_WAIT.plusSeconds(10)).GET().build();
        http.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((resp, err) -> {
            if (err != null || resp.statusCode() != 200) {
                error(pollErrors, "assignments of " + node.name(), err, resp == null ? null : resp.statusCode());
                timer.schedule(() -> poll(node), 1, TimeUnit.SECONDS);
                return;
            }
            try {
                NodeAssignments a = Json.read(resp.body(), NodeAssignments.class);
                if (a.version() != node.assignmentsVersion()) node.assigned(a.version(), a.assignments());
                polls.incrementAndGet();
            } catch (RuntimeException e) {
                error(pollErrors, "assignments of " + node.name(), e, null);
            }
            poll(node);
        });
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                .header("Accept", "application/json").header("Authorization", "Bearer " + token);
    }

    private void error(AtomicLong counter, String what, Throwable err, Object resp) {
        long n = counter.incrementAndGet();
        if (n > ERRORS_SHOWN || stopping) return;
        String why = err != null ? err.toString()
                : resp instanceof HttpResponse<?> r ? "HTTP " + r.statusCode() + " " + r.body() : "HTTP " + resp;
        System.out.println("[fleet] " + what + " failed: " + why + (n == ERRORS_SHOWN ? " (further errors only counted)" : ""));
    }

    private void progress() {
        Latencies.Summary s = window.drain();
        long n = windowReports.getAndSet(0);
        System.out.printf("[fleet] %3ds  nodes %,d/%,d registered | %,.0f reports/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + " | errors %d, skipped %d | instances running %,d | assignment polls %,d (errors %d)%n",
                (System.nanoTime() - startedAt) / 1_000_000_000L, registered.get(), nodes.size(), n / 5.0,
                s.p50(), s.p99(), s.max(), errors.get(), skipped.get(), running.get(), polls.get(), pollErrors.get());
    }

    private String summary() {
        double seconds = (System.nanoTime() - measuredSince) / 1e9;
        Latencies.Summary s = measured.drain();
        return String.format(java.util.Locale.ROOT, "%s nodes=%d registered=%d intervalMs=%d seconds=%.1f reports=%d reportsPerSec=%.1f"
                        + " p50Ms=%.2f p99Ms=%.2f maxMs=%.2f errors=%d skipped=%d running=%d pollErrors=%d",
                SUMMARY, nodes.size(), registered.get(), interval.toMillis(), seconds, reports.get(), reports.get() / seconds,
                s.p50(), s.p99(), s.max(), errors.get(), skipped.get(), running.get(), pollErrors.get());
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
