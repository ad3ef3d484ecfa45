package io.wolfpack.server.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.reconcile.InstanceIds;
import io.wolfpack.core.reconcile.ServiceDecision;
import io.wolfpack.core.reconcile.ServiceReconciler;
import io.wolfpack.core.schedule.Placement;
import io.wolfpack.core.schedule.PlacementRequest;
import io.wolfpack.core.schedule.Plan;
import io.wolfpack.core.schedule.Scheduler;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.server.cluster.SnapshotBuilder;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Makes each service's placed instances match its spec: syncs one service at a time (compare,
 * decide, act) from a {@link WorkQueue}. The decision is {@link ServiceReconciler}'s and the
 * placement the {@link Scheduler}'s; this class only reads the mirror, writes ZooKeeper, and
 * waits until the mirror shows its writes so that the next sync never acts on stale state.
 * Only the leader acts.
 */
public final class ServiceController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceController.class);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(10);

    private final ClusterStore store;
    private final SnapshotBuilder snapshots;
    private final Scheduler scheduler = new Scheduler();
    private final EventLog events;
    private final BooleanSupplier isLeader;
    private final Clock clock;
    private final Timer syncTimer;
    private final RandomGenerator random = new SecureRandom();
    private final WorkQueue queue;

    public ServiceController(ClusterStore store, SnapshotBuilder snapshots, EventLog events, BooleanSupplier isLeader,
                             Clock clock, MeterRegistry metrics, Duration resyncEvery) {
        this.store = store;
        this.snapshots = snapshots;
        this.events = events;
        this.isLeader = isLeader;
        this.clock = clock;
        this.syncTimer = Timer.builder("wolfpack_reconcile_seconds")
                .description("Time to reconcile one service")
                .publishPercentileHistogram()
                .register(metrics);
        this.queue = new WorkQueue("service-controller", this::sync, this::allServices, resyncEvery);
    }

    public void start() {
        ClusterMirror mirror = store.mirror();
        mirror.addListener(key -> {
            if (key instanceof io.wolfpack.store.ZkPaths.ServiceKey k) queue.enqueue(k.service());
            else if (key instanceof io.wolfpack.store.ZkPaths.InstanceKey k) queue.enqueue(k.service());
            else if (key instanceof io.wolfpack.store.ZkPaths.StatusKey k) queue.enqueue(k.service());
            else if (key instanceof io.wolfpack.store.ZkPaths.NodeKey) queue.resync();
            else if (key instanceof io.wolfpack.store.ZkPaths.NodeControlKey) queue.resync();
        });
        queue.start();
    }

    /** Asks for every service to be looked at again (a node became ready, leadership changed). */
    public void resyncAll() {
        queue.resync();
    }

    private Collection<String> allServices() {
        Set<String> all = new HashSet<>(store.mirror().services().keySet());
        all.addAll(store.mirror().servicesWithInstances());
        return all;
    }

    void sync(String service) {
        if (!isLeader.getAsBoolean()) return;
        syncTimer.record(() -> syncNow(service));
    }

    private void syncNow(String service) {
        ClusterMirror mirror = store.mirror();
        var versioned = mirror.service(service);
        ServiceRecord record = versioned == null ? null : versioned.value();
        Map<String, Instance> instances = mirror.instances(service);
        Map<String, InstanceStatus> statuses = mirror.statuses(service);
        Set<String> draining = new HashSet<>();
        mirror.nodeControls().forEach((node, control) -> {
            if (control.draining()) draining.add(node);
        });
        ServiceDecision decision = ServiceReconciler.reconcile(record, instances.values(), statuses, draining);

        // Everything this sync decides is written in one ZooKeeper transaction with its events.
        ClusterStore.Batch batch = store.batch();
        for (ServiceDecision.Removal r : decision.toRemove()) {
            Instance i = instances.get(r.instance());
            batch.deleteInstance(service, r.instance());
            batch.event(events.event("instance.removed", service, r.instance(), i == null ? null : i.node(), r.reason()));
        }
        Set<String> placedIds = new HashSet<>();
        String unplacedBefore = mirror.unplaced(service);
        String unplacedNow = null;
        if (decision.toPlace() > 0 && record != null) {
            Plan plan = scheduler.schedule(snapshots.snapshot(), new PlacementRequest(record.spec(), decision.toPlace()));
            for (Placement p : plan.placements()) {
                Instance inst = new Instance(InstanceIds.next(service, random), service, decision.revision(), p.node(),
                        p.hostPorts(), clock.instant());
                batch.createInstance(inst);
                placedIds.add(inst.id());
                batch.event(events.event("instance.placed", service, inst.id(), p.node(), "revision " + inst.revision()
                        + " on " + p.node() + (p.hostPorts().isEmpty() ? "" : " ports " + p.hostPorts())));
            }
            if (plan.unplaced() > 0) unplacedNow = ClusterViews.formatUnplaced(plan.unplaced(), plan.explanation());
        }
        if (record != null && !Objects.equals(unplacedNow, unplacedBefore)) {
            batch.unplaced(service, unplacedNow, unplacedBefore != null);
            if (unplacedNow != null) {
                batch.event(events.event("instance.unplaced", service, null, null,
                        unplacedNow.replace("\t", " waiting: ")));
            }
        }
        batch.commit();
        if (record == null && instances.size() == decision.toRemove().size()) store.deleteServiceFolders(service);
        if (!decision.isEmpty()) {
            log.info("service {}: placed {}, removed {}", service, placedIds.size(), decision.toRemove().size());
        }
        awaitMirror(service, placedIds, decision);
    }

    private void awaitMirror(String service, Set<String> placed, ServiceDecision decision) {
        ClusterMirror mirror = store.mirror();
        try {
            boolean ok = mirror.await(() -> {
                Map<String, Instance> now = mirror.instances(service);
                if (!now.keySet().containsAll(placed)) return false;
                for (ServiceDecision.Removal r : decision.toRemove()) if (now.containsKey(r.instance())) return false;
                return true;
            }, MIRROR_WAIT);
            if (!ok) throw new IllegalStateException("the ZooKeeper cache did not show the writes for " + service
                    + " within " + MIRROR_WAIT.toSeconds() + "s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        queue.close();
    }
}
