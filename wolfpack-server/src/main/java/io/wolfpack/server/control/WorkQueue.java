package io.wolfpack.server.control;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A keyed, level-triggered work queue in the manner of client-go's: watches only enqueue a key,
 * one worker syncs it; a key queued many times is synced once; a key is never synced twice at
 * once; a failed sync is retried with per-key exponential backoff (100ms doubling to 30s); and
 * every key is resynced periodically to catch anything a watch missed. The worker never dies:
 * every failure is caught, logged and retried. The worker takes up to {@code batchSize} keys at
 * a time, so that a burst of changes (a thousand services deployed at once) is synced in a few
 * rounds of writes rather than one round per key.
 */
public final class WorkQueue implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkQueue.class);
    private static final long BASE_BACKOFF_MS = 100;
    private static final long MAX_BACKOFF_MS = 30_000;

    private final String name;
    private final Consumer<List<String>> sync;
    private final int batchSize;
    private final Supplier<Collection<String>> allKeys;
    private final Duration resyncEvery;
    private final LinkedHashSet<String> dirty = new LinkedHashSet<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private final Thread worker;
    private volatile boolean running = true;

    public WorkQueue(String name, Consumer<List<String>> sync, int batchSize, Supplier<Collection<String>> allKeys,
                     Duration resyncEvery) {
        this.name = name;
        this.sync = sync;
        this.batchSize = batchSize;
        this.allKeys = allKeys;
        this.resyncEvery = resyncEvery;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, name + "-timer"));
        this.worker = daemon(this::work, name + "-worker");
    }

    public void start() {
        worker.start();
        timer.scheduleWithFixedDelay(this::resync, 0, resyncEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void enqueue(String key) {
        synchronized (dirty) {
            if (dirty.add(key)) dirty.notifyAll();
        }
    }

    /** Enqueues {@code key} once {@code delay} has passed (a timed step, such as the end of a drain). */
    public void enqueueAfter(String key, java.time.Duration delay) {
        try {
            timer.schedule(() -> enqueue(key), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closing down
        }
    }

    public void resync() {
        try {
            allKeys.get().forEach(this::enqueue);
        } catch (RuntimeException e) {
            log.error("{}: could not list keys to resync", name, e);
        }
    }

    private void work() {
        while (running) {
            List<String> keys;
            try {
                keys = take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                sync.accept(keys);
                keys.forEach(failures::remove);
            } catch (RuntimeException e) {
                if (!running) return;
                for (String key : keys) {
                    int n = failures.merge(key, 1, Integer::sum);
                    long delay = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS << Math.min(n - 1, 20));
                    timer.schedule(() -> enqueue(key), delay, TimeUnit.MILLISECONDS);
                }
                log.warn("{}: sync of {} failed, retrying with backoff: {}", name, keys.size() == 1 ? keys.get(0)
                        : keys.size() + " keys", e.toString());
            } catch (Error e) {
                log.error("{}: sync of {} failed badly", name, keys, e);
            }
        }
    }

    private List<String> take() throws InterruptedException {
        synchronized (dirty) {
            while (dirty.isEmpty()) dirty.wait();
            List<String> keys = new ArrayList<>(Math.min(batchSize, dirty.size()));
            var it = dirty.iterator();
            while (it.hasNext() && keys.size() < batchSize) {
                keys.add(it.next());
                it.remove();
            }
            return keys;
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        timer.shutdownNow();
    }
}
