package io.wolfpack.agent;

import io.wolfpack.agent.reconcile.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * A named background loop that never dies silently: each failure is one log line and a capped
 * backoff; success resets it. {@link #wake()} cuts the current wait short.
 */
abstract class AgentLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentLoop.class);
    private static final Backoff ERROR_BACKOFF = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(5));

    private final String name;
    private final Waker waker = new Waker();
    private volatile boolean running;
    private Thread thread;

    AgentLoop(String name) {
        this.name = name;
    }

    /** One round of work; returns how long to wait before the next. */
    protected abstract Duration runOnce() throws Exception;

    final synchronized void start() {
        if (thread != null) return;
        running = true;
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** False once {@link #stop()} was called: a failure then is the stop, not news. */
    protected final boolean running() {
        return running;
    }

    final void wake() {
        waker.wake();
    }

    final synchronized void stop() {
        running = false;
        if (thread == null) return;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread = null;
    }

    @Override
    public final void run() {
        int failures = 0;
        while (running) {
            Duration wait;
            try {
                wait = runOnce();
                if (failures > 0) LOG.info("{} recovered after {} failed rounds", name, failures);
                failures = 0;
            } catch (InterruptedException e) {
                if (!running) break;
                wait = Duration.ZERO;
            } catch (Throwable t) {
                if (!running) break;
                failures++;
                wait = ERROR_BACKOFF.delay(failures);
                LOG.warn("{} failed ({} in a row): {}; retrying in {}", name, failures, describe(t), Backoff.words(wait));
                if (t instanceof VirtualMachineError fatal) throw fatal;
            }
            try {
                if (!wait.isZero()) waker.await(wait);
            } catch (InterruptedException e) {
                if (!running) break;
            }
        }
    }

    /** The message, and the root cause's when it adds something ("cannot write X: because Y"). */
    private static String describe(Throwable t) {
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        if (root != t && root.getMessage() != null && !msg.contains(root.getMessage())) msg += ": " + root.getMessage();
        return msg;
    }
}
