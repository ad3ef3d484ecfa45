package io.wolfpack.agent.health;

import io.wolfpack.agent.docker.DockerEngine;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.spec.HealthSpec;
import io.wolfpack.core.spec.TimeSpan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs each running instance's check at its interval on a small scheduled pool. The first check
 * runs at once when a container is adopted or started; every change of verdict calls
 * {@code onChange} so the agent reports it without waiting for the next heartbeat.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final DockerEngine engine;
    private final HttpClient http = HttpCheck.newClient();
    private final ScheduledExecutorService pool;
    private final Runnable onChange;
    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public HealthMonitor(DockerEngine engine, Runnable onChange, Clock clock) {
        this.engine = engine;
        this.onChange = onChange;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "wolfpack-health-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Checks exactly these targets from now on: new ones start at once, gone or restarted ones stop. */
    public synchronized void sync(Collection<HealthTarget> targets) {
        Map<String, HealthTarget> wanted = new HashMap<>();
        for (HealthTarget t : targets) if (t.spec() != null) wanted.put(t.instanceId(), t);
        entries.entrySet().removeIf(e -> {
            HealthTarget w = wanted.get(e.getKey());
            if (w != null && w.key().equals(e.getValue().target.key())) return false;
            e.getValue().future.cancel(false);
            return true;
        });
        for (HealthTarget t : wanted.values()) {
            if (entries.containsKey(t.instanceId())) continue;
            Entry entry = new Entry(t, checkFor(t), t.spec());
            long interval = Math.max(50, millis(t.spec().interval(), HealthSpec.DEFAULT_INTERVAL));
            entries.put(t.instanceId(), entry);  // before scheduling: the first run checks it is current
            entry.future = pool.scheduleWithFixedDelay(() -> runOnce(entry), 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    /** The verdict on the instance's current container, if it is being checked. */
    public Optional<HealthTracker> state(String instanceId, String containerId) {
        Entry e = entries.get(instanceId);
        if (e == null || !e.target.containerId().equals(containerId)) return Optional.empty();
        return Optional.of(e.tracker);
    }

    /** The current verdict on every container being checked, each naming the container run it is about. */
    public List<HealthObservation> observations() {
        return entries.values().stream().map(e -> new HealthObservation(e.target.instanceId(), e.target.containerId(),
                e.target.startedAt(), e.tracker)).toList();
    }

    private void runOnce(Entry entry) {
        try {
            CheckResult result = entry.check.run();
            HealthTracker before = entry.tracker;
            HealthSpec spec = entry.spec;
            HealthTracker after = before.next(result, spec.healthyAfter(), spec.unhealthyAfter(), clock.instant());
            if (entries.get(entry.target.instanceId()) != entry) return;  // replaced meanwhile
            entry.tracker = after;
            if (after.health() != before.health()) {
                LOG.info("instance {} health {} -> {}: {}", entry.target.instanceId(), before.health().wire(),
                        after.health().wire(), result.detail());
                onChange.run();
            }
        } catch (RuntimeException e) {
            // a check must never kill its schedule
            LOG.warn("health check of instance {} failed to run: {}", entry.target.instanceId(), e.toString());
        }
    }

    private HealthCheck checkFor(HealthTarget t) {
        HealthSpec spec = t.spec();
        Duration timeout = Duration.ofMillis(Math.max(1, millis(spec.timeout(), HealthSpec.DEFAULT_TIMEOUT)));
        if (spec.exec() != null && !spec.exec().isEmpty()) {
            return new ExecCheck(engine, t.containerId(), spec.exec(), timeout);
        }
        if (t.hostPort() == null) {
            String msg = "port '" + spec.portName() + "' has no published host port to check";
            return () -> CheckResult.fail(msg);
        }
        if (spec.http() != null) return new HttpCheck(http, t.host(), t.hostPort(), spec.http().path(), timeout);
        return new TcpCheck(t.host(), t.hostPort(), timeout);
    }

    private static long millis(TimeSpan span, TimeSpan fallback) {
        return (span == null ? fallback : span).millis();
    }

    /** Whether an instance with this spec has a check at all; without one its health is NONE. */
    public static Health initial(HealthSpec spec) {
        return spec == null ? Health.NONE : Health.UNKNOWN;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        entries.clear();
    }

    private static final class Entry {
        final HealthTarget target;
        final HealthCheck check;
        final HealthSpec spec;
        volatile HealthTracker tracker = HealthTracker.INITIAL;
        volatile ScheduledFuture<?> future;

        Entry(HealthTarget target, HealthCheck check, HealthSpec spec) {
            this.target = target;
            this.check = check;
            this.spec = spec;
        }
    }
}
