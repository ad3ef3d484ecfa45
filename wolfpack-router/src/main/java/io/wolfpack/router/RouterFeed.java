package io.wolfpack.router;

import io.wolfpack.client.ApiClient;
import io.wolfpack.core.route.RouteTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a {@link Router} on the server's latest route table by long-polling {@code GET /v1/routes}.
 * When the server cannot be reached the router keeps serving the last table it got; the loop backs
 * off (250 ms doubling to 5 s), logs one line at the start of an outage and then about once a
 * minute, and one line when the server is back. The loop catches everything: a feed that died
 * quietly would freeze routing while everything looked fine.
 */
public final class RouterFeed implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(25);
    static final Backoff BACKOFF = new Backoff(Duration.ofMillis(250), Duration.ofSeconds(5));
    /** With a 5 s cap, every 12th failure in a row is about a minute apart. */
    private static final int LOG_EVERY = 12;
    private static final Logger log = LoggerFactory.getLogger(RouterFeed.class);

    private final ApiClient api;
    private final Router router;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile int failures;
    private Thread thread;

    public RouterFeed(ApiClient api, Router router) {
        this.api = Objects.requireNonNull(api, "api");
        this.router = Objects.requireNonNull(router, "router");
    }

    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("router feed already started");
        thread = new Thread(this::run, "wolfpack-router-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long version = router.hasTable() ? router.table().version() : -1;
        while (stopped.getCount() > 0) {
            try {
                RouteTable t = api.routes(Math.max(version, 0), WAIT);
                if (failures > 0) {
                    log.info("route feed from {} is back after {} failed attempts", api.base(), failures);
                    failures = 0;
                }
                // "!=": a server rebuilt from scratch may count from a lower version again
                if (t != null && t.version() != version) {
                    router.update(t);
                    version = t.version();
                }
            } catch (Throwable e) {
                if (stopped.getCount() == 0) break;
                failures++;
                Duration delay = BACKOFF.delay(failures);
                String kept = version < 0 ? "no route table yet" : "keeping route table v" + version;
                if (failures == 1 || failures % LOG_EVERY == 0) {
                    log.warn("route feed failed ({} in a row; {}; retrying in {}ms): {}", failures, kept, delay.toMillis(),
                            describe(e));
                } else {
                    log.debug("route feed failed ({} in a row): {}", failures, describe(e));
                }
                pause(delay);
            }
        }
    }

    /** Failed polls since the last success; 0 while the server answers. */
    int consecutiveFailures() {
        return failures;
    }

    private void pause(Duration delay) {
        try {
            stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped.countDown();
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getName() : m;
    }

    /** Stops the loop; the router keeps serving its current table. */
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
