package io.wolfpack.router.bench;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Everything the benchmark started, closed in reverse order exactly once: by the normal end of the
 * run, or by the JVM shutdown hook on Ctrl-C or a kill, whichever comes first. A close that fails
 * is reported and the rest still run, so one stuck process does not leave the others behind.
 */
final class Cleanup implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private volatile boolean closing;

    synchronized <T extends AutoCloseable> T add(T resource) {
        resources.push(resource);
        return resource;
    }

    /** Forgets a resource that was closed already (e.g. a wrk run that ended). */
    synchronized void remove(AutoCloseable resource) {
        resources.remove(resource);
    }

    /** Registers a shutdown hook that runs {@link #close}; the hook is harmless after a normal close. */
    Cleanup closeOnExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::close, "router-bench-cleanup"));
        return this;
    }

    /** True once {@link #close} has begun: a child that dies now was stopped, it did not fail. */
    boolean closing() {
        return closing;
    }

    @Override
    public synchronized void close() {
        closing = true;
        AutoCloseable r;
        while ((r = resources.poll()) != null) {
            try {
                r.close();
            } catch (Exception e) {
                System.err.println("router benchmark: cleaning up " + r + " failed: " + e);
            }
        }
    }
}
