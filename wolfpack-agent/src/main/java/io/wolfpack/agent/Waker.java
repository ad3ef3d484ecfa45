package io.wolfpack.agent;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/** Lets one loop sleep until its interval passes or someone wakes it; many wakes fold into one. */
final class Waker {
    private final Semaphore signal = new Semaphore(0);

    void wake() {
        if (signal.availablePermits() == 0) signal.release();
    }

    /** Waits up to {@code max}; returns early when woken. Throws when the thread is interrupted. */
    void await(Duration max) throws InterruptedException {
        if (signal.tryAcquire(Math.max(0, max.toMillis()), TimeUnit.MILLISECONDS)) signal.drainPermits();
    }
}
