package io.wolfpack.router;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The response timeout of one client connection, armed and disarmed for each of its requests
 * without a scheduled task per request: a pending check that fires no later than the new deadline
 * is kept, and when it fires early it looks again. On a busy keep-alive connection that is one
 * task per timeout period instead of a schedule and a cancel per request (the scheduler's queue
 * showed in the router's profile). Runs on the connection's event loop.
 */
final class ResponseDeadline implements Runnable {
    private final EventExecutor executor;
    private final LongSupplier clock;
    private Runnable onExpiry; // null while disarmed
    private long deadline;
    private ScheduledFuture<?> check;
    private long checkAt;

    ResponseDeadline(EventExecutor executor, LongSupplier clock) {
        this.executor = executor;
        this.clock = clock;
    }

    ResponseDeadline(EventExecutor executor) {
        this(executor, System::nanoTime);
    }

    /** Runs {@code onExpiry} once, {@code timeoutNanos} from now, unless disarmed or armed again before. */
    void arm(long timeoutNanos, Runnable onExpiry) {
        long now = clock.getAsLong();
        this.deadline = now + timeoutNanos;
        this.onExpiry = onExpiry;
        if (check != null) {
            if (checkAt - deadline <= 0) return; // it fires in time and checks again
            check.cancel(false);
        }
        schedule(now, timeoutNanos);
    }

    void disarm() {
        onExpiry = null;
    }

    /** The connection is gone: disarmed, and no check stays scheduled. */
    void stop() {
        onExpiry = null;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public void run() {
        check = null;
        Runnable expired = onExpiry;
        if (expired == null) return;
        long now = clock.getAsLong();
        long left = deadline - now;
        if (left > 0) {
            schedule(now, left);
            return;
        }
        onExpiry = null;
        expired.run();
    }

    private void schedule(long now, long nanos) {
        checkAt = now + nanos;
        check = executor.schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
