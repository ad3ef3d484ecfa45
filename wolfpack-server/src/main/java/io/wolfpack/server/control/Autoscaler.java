package io.wolfpack.server.control;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.reconcile.AutoscalePolicy;
import io.wolfpack.core.spec.AutoscaleSpec;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.server.cluster.InstanceCpu;
import io.wolfpack.server.cluster.TrafficStats;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.ConflictException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Scales services that declare {@code autoscale} with the request rate their route sees at the
 * routers ({@link TrafficStats}), or with the CPU their ready instances use as the agents report
 * it ({@link InstanceCpu}), by the rules of {@link AutoscalePolicy}. Runs on the leader every
 * {@link #EVERY}; each change is a {@code service.autoscaled} event with the numbers behind it.
 */
public final class Autoscaler {
    public static final Duration EVERY = Duration.ofSeconds(2);
    /** The request rate is measured over this much recent time. */
    static final Duration RATE_WINDOW = Duration.ofSeconds(10);

    private record Sample(Instant at, long requests) {
    }

    private final ClusterStore store;
    private final TrafficStats traffic;
    private final InstanceCpu cpu;
    private final EventLog events;
    private final BooleanSupplier isLeader;
    private final Clock clock;
    private final Map<String, AutoscalePolicy> policies = new HashMap<>();
    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    public Autoscaler(ClusterStore store, TrafficStats traffic, InstanceCpu cpu, EventLog events, BooleanSupplier isLeader,
                      Clock clock) {
        this.store = store;
        this.traffic = traffic;
        this.cpu = cpu;
        this.events = events;
        this.isLeader = isLeader;
        this.clock = clock;
    }

    public synchronized void check() {
        if (!isLeader.getAsBoolean()) {
            policies.clear();
            samples.clear();
            return;
        }
        ClusterMirror mirror = store.mirror();
        Instant now = clock.instant();
        cpu.forgetStale();
        var services = mirror.services();
        policies.keySet().retainAll(services.keySet());
        samples.keySet().retainAll(services.keySet());
        services.forEach((name, versioned) -> {
            ServiceRecord record = versioned.value();
            AutoscaleSpec spec = record.spec().autoscale();
            if (spec == null) {
                policies.remove(name);
                return;
            }
            AutoscalePolicy.Load load = spec.scalesOnCpu() ? cpuLoad(mirror, name) : requestLoad(mirror, name, now);
            int current = record.spec().replicas();
            policies.computeIfAbsent(name, n -> new AutoscalePolicy()).observe(spec, current, load, now)
                    .ifPresent(d -> apply(versioned, d));
        });
    }

    private void apply(ClusterMirror.Versioned<ServiceRecord> versioned, AutoscalePolicy.Decision d) {
        ServiceRecord old = versioned.value();
        ServiceRecord scaled = new ServiceRecord(old.spec().withReplicas(d.to()), old.revision(), old.createdAt(), old.updatedAt(),
                old.failed(), old.canary());
        try {
            store.batch().updateService(scaled, versioned.version())
                    .event(events.event("service.autoscaled", old.name(), null, null, d.from() + " → " + d.to() + " replicas: " + d.why()))
                    .commit();
        } catch (ConflictException e) {
            // Someone changed the service meanwhile; the next round looks again.
        }
    }

    private AutoscalePolicy.Load requestLoad(ClusterMirror mirror, String service, Instant now) {
        int instances = (int) mirror.instances(service).values().stream().filter(i -> !i.retiring()).count();
        return new AutoscalePolicy.Load(rate(service, now), instances);
    }

    /**
     * Cores used, summed over the instances that serve (running, passing their check, not
     * retiring) and have a recent reading; null when none has one. Starting instances are left
     * out: their load is still on the others.
     */
    private AutoscalePolicy.Load cpuLoad(ClusterMirror mirror, String service) {
        samples.remove(service); // a switch back to targetRps measures its rate afresh
        double sum = 0;
        int measured = 0;
        for (Instance i : mirror.instances(service).values()) {
            if (i.retiring()) continue;
            InstanceStatus status = mirror.status(service, i.id());
            if (status == null || !status.routable()) continue;
            Double cores = cpu.cores(service, i.id());
            if (cores == null) continue;
            sum += cores;
            measured++;
        }
        return measured == 0 ? null : new AutoscalePolicy.Load(sum, measured);
    }

    /** Requests per second on the service's route over about the last {@link #RATE_WINDOW}. */
    private double rate(String service, Instant now) {
        Deque<Sample> q = samples.computeIfAbsent(service, s -> new ArrayDeque<>());
        q.addLast(new Sample(now, traffic.routeRequests(service)));
        while (q.size() > 2 && q.peekFirst().at().isBefore(now.minus(RATE_WINDOW))) q.removeFirst();
        Sample first = q.peekFirst();
        Sample last = q.peekLast();
        double seconds = Duration.between(first.at(), last.at()).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : (last.requests() - first.requests()) / seconds;
    }
}
