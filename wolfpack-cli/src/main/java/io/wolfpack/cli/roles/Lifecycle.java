package io.wolfpack.cli.roles;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CountDownLatch;

/**
 * Keeps a long-running role alive until the process is told to stop (SIGINT/SIGTERM), then
 * closes what was started in reverse order. Closing never stops containers: they keep running
 * and are adopted at the next start.
 */
final class Lifecycle {
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    <T extends AutoCloseable> T add(T resource) {
        started.push(resource);
        return resource;
    }

    /** Blocks until a shutdown signal; returns the exit code 0. */
    int runUntilStopped() throws InterruptedException {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll();
            stopped.countDown();
        }, "wolfpack-shutdown"));
        stopped.await();
        return 0;
    }

    synchronized void closeAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("wolfpack: while stopping: " + e);
            }
        }
    }
}
