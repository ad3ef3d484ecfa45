package io.wolfpack.cli.bench;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulated fleet counts, from every event loop: report latencies and outcomes, skipped
 * heartbeats, registrations, instances reported running, assignment polls. Prints the progress
 * line and the {@code SUMMARY key=value ...} line that {@link SimulatorProcess} parses.
 */
final class FleetStats {
    private static final int ERRORS_SHOWN = 5;

    private final int nodes;
    private final long intervalMillis;
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
    private volatile boolean stopped;

    FleetStats(int nodes, long intervalMillis) {
        this.nodes = nodes;
        this.intervalMillis = intervalMillis;
    }

    /** A heartbeat answered after {@code micros}; {@code runningDelta} is its change in instances running. */
    void reported(long micros, int runningDelta, boolean firstOfNode) {
        window.record(micros);
        measured.record(micros);
        reports.incrementAndGet();
        windowReports.incrementAndGet();
        if (runningDelta != 0) running.addAndGet(runningDelta);
        if (firstOfNode) registered.incrementAndGet();
    }

    void skipped() {
        skipped.incrementAndGet();
    }

    void polled() {
        polls.incrementAndGet();
    }

    void reportFailed(String node, String why) {
        failed(errors, "report of " + node, why);
    }

    void pollFailed(String node, String why) {
        failed(pollErrors, "assignments of " + node, why);
    }

    /** The measurement is over: no more requests, no more output but the summary. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Starts a new measurement window: the summary covers only what follows. */
    void reset() {
        measured.drain();
        reports.set(0);
        errors.set(0);
        skipped.set(0);
        pollErrors.set(0);
        measuredSince = System.nanoTime();
        System.out.println("[fleet] measurement window reset");
    }

    private void failed(AtomicLong counter, String what, String why) {
        long n = counter.incrementAndGet();
        if (n > ERRORS_SHOWN || stopped) return;
        System.out.println("[fleet] " + what + " failed: " + why + (n == ERRORS_SHOWN ? " (further errors only counted)" : ""));
    }

    void progress() {
        Latencies.Summary s = window.drain();
        long n = windowReports.getAndSet(0);
        System.out.printf("[fleet] %3ds  nodes %,d/%,d registered | %,.0f reports/s, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                        + " | errors %d, skipped %d | instances running %,d | assignment polls %,d (errors %d)%n",
                (System.nanoTime() - startedAt) / 1_000_000_000L, registered.get(), nodes, n / 5.0,
                s.p50(), s.p99(), s.max(), errors.get(), skipped.get(), running.get(), polls.get(), pollErrors.get());
    }

    String summary() {
        double seconds = (System.nanoTime() - measuredSince) / 1e9;
        Latencies.Summary s = measured.drain();
        return String.format(Locale.ROOT, "%s nodes=%d registered=%d intervalMs=%d seconds=%.1f reports=%d reportsPerSec=%.1f"
                        + " p50Ms=%.2f p99Ms=%.2f maxMs=%.2f errors=%d skipped=%d running=%d pollErrors=%d",
                FleetSimulator.SUMMARY, nodes, registered.get(), intervalMillis, seconds, reports.get(), reports.get() / seconds,
                s.p50(), s.p99(), s.max(), errors.get(), skipped.get(), running.get(), pollErrors.get());
    }
}
