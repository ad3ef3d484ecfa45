package io.wolfpack.router;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Closes a keep-alive connection once it has been idle for a while: nothing in flight on it
 * ({@code busy} false) and no {@link #touch} for the whole period. One check is scheduled per idle
 * period, not per request, and nothing hooks the writes: Netty's IdleStateHandler puts a listener
 * on every write's promise, which showed in the router's profile. Runs on the channel's event loop.
 */
final class IdleTimeout implements Runnable {
    private final Channel channel;
    private final long idleNanos;
    private final BooleanSupplier busy;
    private final LongSupplier clock;
    private long lastActive;
    private ScheduledFuture<?> check;

    IdleTimeout(Channel channel, long idle, TimeUnit unit, BooleanSupplier busy, LongSupplier clock) {
        this.channel = channel;
        this.idleNanos = unit.toNanos(idle);
        this.busy = busy;
        this.clock = clock;
    }

    IdleTimeout(Channel channel, long idle, TimeUnit unit, BooleanSupplier busy) {
        this(channel, idle, unit, busy, System::nanoTime);
    }

    /** Starts counting from now; call again after {@link #stop} to restart. */
    void start() {
        lastActive = clock.getAsLong();
        if (check == null) schedule(idleNanos);
    }

    /** Something happened on the connection: the idle period starts again. */
    void touch() {
        lastActive = clock.getAsLong();
    }

    void stop() {
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    @Override
    public void run() {
        check = null;
        if (!channel.isOpen()) return;
        if (busy.getAsBoolean()) {
            schedule(idleNanos); // whoever is busy touches when done
            return;
        }
        long left = lastActive + idleNanos - clock.getAsLong();
        if (left > 0) schedule(left);
        else channel.close();
    }

    private void schedule(long nanos) {
        check = channel.eventLoop().schedule(this, nanos, TimeUnit.NANOSECONDS);
    }
}
