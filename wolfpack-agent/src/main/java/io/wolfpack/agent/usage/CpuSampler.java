package io.wolfpack.agent.usage;

import io.wolfpack.agent.docker.DockerEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Reads the CPU counter of every running container from the engine every {@link #EVERY} and keeps
 * the cores each used, for the heartbeat to pick up. Its own threads: a one-shot stats call takes
 * about a second, so it never runs on the report path, and a few run at once so a host with many
 * containers still gets a round done in a few seconds.
 */
public final class CpuSampler implements AutoCloseable {
    public static final Duration EVERY = Duration.ofSeconds(5);
    /** Calls at once; each holds one engine connection for about a second. */
    static final int PARALLEL = 4;
    private static final Logger LOG = LoggerFactory.getLogger(CpuSampler.class);

    private final DockerEngine engine;
    private final Supplier<Collection<String>> running;
    private final Clock clock;
    private final Duration every;
    private final CpuMeter meter = new CpuMeter();
    private final ScheduledExecutorService timer;
    private final ExecutorService calls;
    private volatile boolean failing;

    /** {@code running} gives the ids of the containers to measure, read at the start of each round. */
    public CpuSampler(DockerEngine engine, Supplier<Collection<String>> running, Clock clock, Duration every) {
        this.engine = engine;
        this.running = running;
        this.clock = clock;
        this.every = every;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "wolfpack-cpu"));
        AtomicInteger n = new AtomicInteger();
        this.calls = Executors.newFixedThreadPool(PARALLEL, r -> daemon(r, "wolfpack-cpu-" + n.incrementAndGet()));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void start() {
        timer.scheduleWithFixedDelay(this::sampleAll, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Cores the container used between its last two readings; null before it has two, or when
     * the last is older than a few rounds (the engine stopped answering).
     */
    public Double cores(String containerId) {
        return meter.cores(containerId, clock.instant(), every.multipliedBy(4));
    }

    /** One round: a reading of every running container. A round that overruns is cut short. */
    void sampleAll() {
        try {
            sampleRound();
        } catch (RuntimeException e) {
            // the schedule must go on: a task that throws is never run again
            LOG.warn("CPU sampling round failed: {}", e.toString());
        }
    }

    private void sampleRound() {
        Collection<String> ids = running.get();
        meter.retain(ids);
        List<Callable<Void>> reads = new ArrayList<>();
        for (String id : ids) {
            reads.add(() -> {
                try {
                    engine.cpuUsage(id).ifPresent(u -> meter.add(id, u, clock.instant()));
                    if (failing) LOG.info("reading container CPU from the engine again");
                    failing = false;
                } catch (RuntimeException e) {
                    // Once per spell of failures, not every round for every container.
                    if (!failing) LOG.warn("cannot read container CPU: {}", e.getMessage());
                    failing = true;
                }
                return null;
            });
        }
        try {
            calls.invokeAll(reads, every.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        calls.shutdownNow();
    }
}
