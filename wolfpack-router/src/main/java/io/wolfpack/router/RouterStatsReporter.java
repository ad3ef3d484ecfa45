package io.wolfpack.router;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.route.RouterStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends the router's traffic counters ({@link Router#trafficStats()}) to the server with
 * {@code POST /v1/router/stats}, so it can compare a canary backend's error rate with the stable
 * one's. Once a second it takes a snapshot and sends it if it differs from the last one the server
 * accepted, and at least every 10 s anyway, so the server can tell a quiet router from a gone one.
 * The counters are cumulative: a failed send loses nothing, the next one carries it. Failures (a
 * server that is down, or one without the endpoint yet, which answers 404) back off from 1 s
 * doubling to 10 s and are logged like the route feed's: one line when they start, about one a
 * minute while they last, one when the server takes stats again. The loop catches everything: the
 * stats must never disturb routing.
 */
public final class RouterStatsReporter implements AutoCloseable {
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration KEEPALIVE = Duration.ofSeconds(10);
    /** With the backoff capped at the 10 s keepalive, every 6th failure in a row is about a minute apart. */
    private static final int LOG_EVERY = 6;
    private static final Logger log = LoggerFactory.getLogger(RouterStatsReporter.class);

    private final ApiClient api;
    private final Supplier<RouterStats> stats;
    private final Duration interval;
    private final Duration keepalive;
    private final Backoff backoff;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int failures;
    private volatile long rounds;
    private volatile long sent;
    private Thread thread;

    public RouterStatsReporter(ApiClient api, Router router) {
        this(api, Objects.requireNonNull(router, "router")::trafficStats, INTERVAL, KEEPALIVE);
    }

    /** {@code stats} gives the current snapshot, or null while there is none to send (a router not serving). */
    RouterStatsReporter(ApiClient api, Supplier<RouterStats> stats, Duration interval, Duration keepalive) {
        this.api = Objects.requireNonNull(api, "api");
        this.stats = Objects.requireNonNull(stats, "stats");
        if (interval.isNegative() || interval.isZero() || keepalive.compareTo(interval) < 0) {
            throw new IllegalArgumentException("router stats interval " + interval + " must be positive and at most the keepalive "
                    + keepalive);
        }
        this.interval = interval;
        this.keepalive = keepalive;
        this.backoff = new Backoff(interval, keepalive);
    }

    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("router stats reporter already started");
        thread = new Thread(this::run, "wolfpack-router-stats");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Whether to send {@code current} now: always when nothing was accepted yet (the server learns
     * of the router at once) or when a counter moved since {@code lastSent}; otherwise once the
     * keepalive is due.
     */
    static boolean due(RouterStats current, RouterStats lastSent, long nanosSinceLastSent, Duration keepalive) {
        if (lastSent == null || !current.equals(lastSent)) return true;
        return nanosSinceLastSent >= keepalive.toNanos();
    }

    private void run() {
        RouterStats lastSent = null;
        long lastSentNanos = 0;
        while (pause(failures == 0 ? interval : backoff.delay(failures))) {
            try {
                RouterStats current = stats.get();
                long now = System.nanoTime();
                if (current != null && due(current, lastSent, now - lastSentNanos, keepalive)) {
                    api.routerStats(current);
                    lastSent = current;
                    lastSentNanos = now;
                    sent++;
                    if (failures > 0) {
                        log.info("router stats to {} accepted again after {} failed attempts", api.base(), failures);
                        failures = 0;
                    }
                }
            } catch (Throwable e) {
                if (stopped.getCount() == 0) break;
                failures++;
                if (failures == 1 || failures % LOG_EVERY == 0) {
                    log.warn("router stats to {} failed ({} in a row; retrying in {}ms): {}", api.base(), failures,
                            backoff.delay(failures).toMillis(), describe(e));
                } else {
                    log.debug("router stats failed ({} in a row): {}", failures, describe(e));
                }
            }
            rounds++;
        }
    }

    /** Failed sends since the last accepted one; 0 while the server takes them. */
    int consecutiveFailures() {
        return failures;
    }

    /** Rounds completed (snapshot taken, and sent if due); a round that sent has its answer by then. */
    long rounds() {
        return rounds;
    }

    /** Snapshots the server accepted. */
    long sent() {
        return sent;
    }

    /** Waits {@code delay}; false once the reporter is closed. */
    private boolean pause(Duration delay) {
        try {
            return !stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
            return false;
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getName();
        if (e instanceof ApiException api && api.status() == 404) m += " (a server older than /v1/router/stats?)";
        return m;
    }

    /** Stops the loop; counters not sent yet are not sent. */
    @Override
    public void close() {
        stopped.countDown();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
