package io.wolfpack.server.feed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A value that clients long-poll: publishing an equal value changes nothing; a different one
 * gets the next version and wakes every waiter at once (this is how routers and agents hear of
 * a change without a poll period). Versions start at the wall clock in milliseconds so that they
 * keep growing across a server restart; a client that asks with a version above the current one
 * (it saw an earlier server) is answered at once.
 */
public final class LongPollFeed<T> {
    private final Object lock = new Object();
    private Versioned<T> current;
    private List<CompletableFuture<Versioned<T>>> waiting = new ArrayList<>();

    public LongPollFeed(T initial) {
        this.current = new Versioned<>(System.currentTimeMillis(), initial);
    }

    public Versioned<T> current() {
        synchronized (lock) {
            return current;
        }
    }

    /** Publishes {@code value}; returns true if it differed from the current one. */
    public boolean publish(T value) {
        return publish(value, true);
    }

    /**
     * Publishes a value the caller knows to differ from the current one (it compared the parts
     * that changed), without comparing the whole value again.
     */
    public void publishChanged(T value) {
        publish(value, false);
    }

    private boolean publish(T value, boolean compare) {
        List<CompletableFuture<Versioned<T>>> wake;
        Versioned<T> next;
        synchronized (lock) {
            if (compare && Objects.equals(current.value(), value)) return false;
            next = new Versioned<>(current.version() + 1, value);
            current = next;
            wake = waiting;
            waiting = new ArrayList<>();
        }
        for (CompletableFuture<Versioned<T>> f : wake) f.complete(next);
        return true;
    }

    /** The value once its version is above {@code after}, or the current one when {@code wait} passes. */
    public CompletableFuture<Versioned<T>> next(long after, Duration wait) {
        synchronized (lock) {
            if (current.version() != after || wait.isZero() || wait.isNegative()) {
                return CompletableFuture.completedFuture(current);
            }
            CompletableFuture<Versioned<T>> f = new CompletableFuture<>();
            waiting.add(f);
            Versioned<T> now = current;
            return f.completeOnTimeout(now, wait.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((v, e) -> forget(f))
                    .thenApply(v -> current());
        }
    }

    private void forget(CompletableFuture<Versioned<T>> f) {
        synchronized (lock) {
            waiting.remove(f);
        }
    }
}
