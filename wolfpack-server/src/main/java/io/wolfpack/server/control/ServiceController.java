package io.wolfpack.server.control;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.reconcile.InstanceIds;
import io.wolfpack.core.reconcile.ServiceDecision;
import io.wolfpack.core.reconcile.Disruptions;
import io.wolfpack.core.reconcile.FailingInstances;
import io.wolfpack.core.reconcile.FailurePolicy;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import io.wolfpack.core.schedule.ClusterSnapshot;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Makes each service's placed instances match its spec: syncs one service at a time (compare,
 * decide, act) from a {@link WorkQueue}. The decision is {@link ServiceReconciler}'s and the
 * placement the {@link Scheduler}'s; this class only reads the mirror and writes ZooKeeper. A
 * service is synced again only once the mirror shows its last writes ({@link UnseenWrites}), so
 * that no sync acts on stale state; other services need not wait for that.
 * Only the leader acts.
 */
public final class ServiceController implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ServiceController.class);
    private static final Duration MIRROR_WAIT = Duration.ofSeconds(10);
    /** Services synced together: one snapshot, few transactions. */
    private static final int BATCH = 64;
    private static final int MAX_OPS_PER_COMMIT = 400;

    private final ClusterStore store;
    private final SnapshotBuilder snapshots;
    private final Scheduler scheduler = new Scheduler();
    private final EventLog events;
    private final BooleanSupplier isLeader;
    private final Clock clock;
    private final Timer syncTimer;
    private final RandomGenerator random = new SecureRandom();
    private final WorkQueue queue;
    /** Services whose folders are being removed: a late status of a removed service must not queue it again. */
    private final Set<String> cleaning = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Removes a removed service's empty folders off the worker: it is ZooKeeper round trips, not a decision. */
    private final java.util.concurrent.ExecutorService cleanup = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "service-folder-cleanup");
        t.setDaemon(true);
        return t;
    });

    private final java.util.function.Supplier<FailurePolicy.Assessment> nodeFailures;
    private final FailingInstances failing = new FailingInstances();
    private final ServingSince servingSince = new ServingSince();
    private final CanaryProgress canaries;
    private final UnseenWrites unseen = new UnseenWrites(MIRROR_WAIT);
    /** How often a holding canary is judged again. */
    private static final Duration CANARY_CHECK = Duration.ofSeconds(1);

    /** @param nodeFailures suspect and down nodes whose instances are to be replaced now */
    public ServiceController(ClusterStore store, SnapshotBuilder snapshots, EventLog events, BooleanSupplier isLeader,
                             Clock clock, MeterRegistry metrics, Duration resyncEvery,
                             java.util.function.Supplier<FailurePolicy.Assessment> nodeFailures,
                             io.wolfpack.server.cluster.TrafficStats traffic) {
        this.nodeFailures = nodeFailures;
        this.canaries = new CanaryProgress(traffic);
        this.store = store;
        this.snapshots = snapshots;
        this.events = events;
        this.isLeader = isLeader;
        this.clock = clock;
        this.syncTimer = Timer.builder("wolfpack_reconcile_seconds")
                .description("Time to reconcile a batch of services (up to " + BATCH + ")")
                .publishPercentileHistogram()
                .register(metrics);
        this.queue = new WorkQueue("service-controller", this::sync, BATCH, this::allServices, resyncEvery);
    }

    public void start() {
        ClusterMirror mirror = store.mirror();
        mirror.addListener(key -> {
            if (key instanceof io.wolfpack.store.ZkPaths.ServiceKey k) queue.enqueue(k.service());
            else if (key instanceof io.wolfpack.store.ZkPaths.InstanceKey k) queue.enqueue(k.service());
            else if (key instanceof io.wolfpack.store.ZkPaths.UnplacedKey k) queue.enqueue(k.service());
            else if (key instanceof io.wolfpack.store.ZkPaths.StatusKey k) {
                servingSince.observe(k.instance(), mirror.status(k.service(), k.instance()), clock.instant());
                if (actsOnHealth(k.service())) queue.enqueue(k.service());
            }
            else if (key instanceof io.wolfpack.store.ZkPaths.NodeKey k) resyncNodes(Set.of(k.node()));
            else if (key instanceof io.wolfpack.store.ZkPaths.NodeControlKey k) resyncNodes(Set.of(k.node()));
        });
        queue.start();
    }

    /**
     * Whether an instance's health can change this service's next decision: only while old
     * instances wait for new ones to serve (a rollout, a drain, a suspect node) or there are too
     * many, or one keeps failing. Otherwise status reports, which are the bulk of all changes,
     * need no sync.
     */
    private boolean actsOnHealth(String service) {
        var v = store.mirror().service(service);
        if (v == null) return true;
        Set<String> suspect = nodeFailures.get().suspect();
        Map<String, io.wolfpack.core.model.InstanceStatus> statuses = store.mirror().statuses(service);
        int count = 0;
        for (Instance i : store.mirror().instances(service).values()) {
            count++;
            if (i.revision() != v.value().revision() || suspect.contains(i.node())) return true;
            var c = store.mirror().nodeControl(i.node());
            if (c != null && c.draining()) return true;
            var s = statuses.get(i.id());
            if (s != null && s.restarts() >= FailingInstances.RESTARTS_BEFORE_REPLACING && !s.routable()) return true;
        }
        return count > v.value().spec().replicas();
    }

    /** Asks for every service to be looked at again (leadership changed). */
    public void resyncAll() {
        queue.resync();
    }

    /**
     * Asks for the services a change of these nodes concerns to be looked at again: those with
     * instances on them, and those waiting for capacity (a node that joined or came back may
     * take them). Not all services: nodes come and go all the time in a large fleet.
     */
    public void resyncNodes(Set<String> nodes) {
        ClusterMirror mirror = store.mirror();
        for (String node : nodes) mirror.servicesOn(node).forEach(queue::enqueue);
        mirror.unplacedServices().forEach(queue::enqueue);
    }

    private Collection<String> allServices() {
        Set<String> all = new HashSet<>(store.mirror().services().keySet());
        all.addAll(store.mirror().servicesWithInstances());
        return all;
    }

    void sync(List<String> services) {
        if (!isLeader.getAsBoolean()) return;
        syncTimer.record(() -> syncNow(services));
    }

    /**
     * Syncs a batch of services against one snapshot: each plan is folded into the snapshot before
     * the next service is scheduled, so placements in one batch see each other (no port or
     * capacity is handed out twice), and all writes go out in a few transactions.
     */
    private void syncNow(List<String> dirty) {
        ClusterMirror mirror = store.mirror();
        // A service whose last writes the mirror does not show yet is synced once they show (their
        // arrival enqueues it again); the others go ahead.
        List<String> services = new ArrayList<>(dirty.size());
        Instant started = clock.instant();
        for (String service : dirty) if (unseen.settled(service, mirror, started)) services.add(service);
        if (services.isEmpty()) return;
        Set<String> draining = new HashSet<>();
        mirror.nodeControls().forEach((node, control) -> {
            if (control.draining()) draining.add(node);
        });
        FailurePolicy.Assessment nodes = nodeFailures.get();
        failing.retain(mirror.services().keySet());
        ClusterSnapshot snapshot = null;
        ClusterStore.Batch batch = store.batch();
        Map<String, UnseenWrites.Expected> uncommitted = new HashMap<>();
        Map<String, ServiceDecision> decisions = new HashMap<>();
        Map<String, ServiceRecord> rolledBack = new HashMap<>();
        List<String> emptied = new ArrayList<>();
        for (String service : services) {
            var versioned = mirror.service(service);
            ServiceRecord record = versioned == null ? null : versioned.value();
            Map<String, Instance> all = mirror.instances(service);
            Map<String, io.wolfpack.core.model.InstanceStatus> statuses = mirror.statuses(service);
            // Instances being retired have left the routes; they go once their drain is over.
            Map<String, Instance> instances = new HashMap<>();
            Set<String> gone = new HashSet<>();
            Set<String> retiring = new HashSet<>();
            Instant now = clock.instant();
            for (Instance i : all.values()) {
                if (!i.retiring()) {
                    instances.put(i.id(), i);
                } else if (!now.isBefore(i.retireAt())) {
                    batch.deleteInstance(service, i.id());
                    servingSince.forget(i.id());
                    gone.add(i.id());
                } else {
                    queue.enqueueAfter(service, Duration.between(now, i.retireAt()));
                }
            }
            // Moving a failing instance helps only if it can land on another node.
            Set<String> replace = record == null ? Set.of()
                    : failing.toReplace(service, instances.values(), statuses, clock.instant())
                    .filter(id -> nodes.anotherReady(instances.get(id).node())).map(Set::of).orElse(Set.of());
            var canaryStep = canaries.next(record, instances.values(), statuses, mirror.revisions(service), now);
            if (canaryStep.isPresent()) {
                CanaryProgress.Step step = canaryStep.get();
                batch.updateService(step.record(), versioned.version());
                batch.event(events.event(step.eventType(), service, null, null, step.message()));
                record = step.record();
                rolledBack.put(service, record);
            }
            if (record != null && record.splittingCanary() != null
                    && record.splittingCanary().phase() == io.wolfpack.core.model.CanaryState.Phase.HOLDING) {
                queue.enqueueAfter(service, CANARY_CHECK);
            }
            var rollback = canaryStep.isPresent() ? java.util.Optional.<ServiceRecord>empty()
                    : io.wolfpack.core.reconcile.RolloutDeadline.check(record, instances.values(), statuses,
                    mirror.revisions(service), now);
            if (rollback.isPresent()) {
                ServiceRecord back = rollback.get();
                batch.updateService(back, versioned.version());
                batch.event(events.event("rollout.failed", service, null, null, "revision " + back.failed().revision()
                        + " " + back.failed().reason() + "; rolled back to revision " + back.revision()));
                record = back;
                rolledBack.put(service, back);
            }
            Duration minReady = record == null ? Duration.ZERO : record.spec().update().minReady().toDuration();
            Set<String> warming = servingSince.warmingUp(instances.values(), minReady, now);
            servingSince.nextSettled(warming, minReady, now).ifPresent(d -> queue.enqueueAfter(service, d));
            ServiceDecision decision = ServiceReconciler.reconcile(record, instances.values(), statuses,
                    new Disruptions(draining, nodes.suspect(), nodes.lost(), replace), warming);
            if (!replace.isEmpty() && decision.toRemove().stream().anyMatch(r -> replace.contains(r.instance()))) {
                failing.replaced(service, clock.instant());
            }
            decisions.put(service, decision);

            Set<String> silent = new HashSet<>(nodes.suspect());
            silent.addAll(nodes.lost());
            for (ServiceDecision.Removal r : decision.toRemove()) {
                Instance i = instances.get(r.instance());
                var status = statuses.get(r.instance());
                Duration drain = drainOf(record, mirror, i);
                if (i != null && status != null && status.routable() && !silent.contains(i.node()) && !drain.isZero()) {
                    // Out of the routes now; stopped once requests in flight had time to finish.
                    batch.updateInstance(i.retiringAt(now.plus(drain)));
                    retiring.add(i.id());
                    queue.enqueueAfter(service, drain);
                    batch.event(events.event("instance.removed", service, r.instance(), i.node(), r.reason()
                            + "; out of the routes, stopping in " + io.wolfpack.core.spec.TimeSpan.ofMillis(drain.toMillis())));
                } else {
                    batch.deleteInstance(service, r.instance());
                    gone.add(r.instance());
                    batch.event(events.event("instance.removed", service, r.instance(), i == null ? null : i.node(), r.reason()));
                }
            }
            Set<String> placedIds = new HashSet<>();
            List<Instance> placedList = new ArrayList<>();
            String unplacedBefore = mirror.unplaced(service);
            String unplacedNow = null;
            if (decision.toPlace() > 0 && record != null) {
                if (snapshot == null) snapshot = snapshots.snapshot(unseen.unseenPlaced(mirror), unseen.unseenGone(mirror));
                Plan plan = scheduler.schedule(snapshot, new PlacementRequest(record.spec(), decision.toPlace()));
                snapshot = snapshot.withPlan(record.spec(), plan);
                List<Instance> placed = new ArrayList<>();
                for (Placement p : plan.placements()) {
                    Instance inst = new Instance(InstanceIds.next(service, random), service, decision.revision(), p.node(),
                            p.hostPorts(), clock.instant());
                    batch.createInstance(inst);
                    placed.add(inst);
                    placedIds.add(inst.id());
                }
                if (!placed.isEmpty()) batch.event(placedEvent(service, decision.revision(), placed));
                placedList = placed;
                if (plan.unplaced() > 0) unplacedNow = ClusterViews.formatUnplaced(plan.unplaced(), plan.explanation());
            }
            if (record != null && !Objects.equals(unplacedNow, unplacedBefore)) {
                batch.unplaced(service, unplacedNow, unplacedBefore != null);
                if (unplacedNow != null) {
                    batch.event(events.event("instance.unplaced", service, null, null,
                            unplacedNow.replace("\t", " waiting: ")));
                }
            }
            uncommitted.put(service, new UnseenWrites.Expected(placedList, gone, retiring, rolledBack.get(service),
                    record != null && !Objects.equals(unplacedNow, unplacedBefore), unplacedNow, now));
            // Only while its folders are there: every late status of a removed service syncs it again.
            if (record == null && all.keySet().equals(gone) && mirror.hasServiceFolders(service)) emptied.add(service);
            if (!decision.isEmpty()) {
                log.info("service {}: placed {}, removed {}", service, placedIds.size(), decision.toRemove().size());
            }
            // Keep each ZooKeeper transaction well under its size limit.
            if (batch.size() >= MAX_OPS_PER_COMMIT) {
                commit(batch, uncommitted);
                batch = store.batch();
            }
        }
        commit(batch, uncommitted);
        for (String service : emptied) {
            if (cleaning.add(service)) cleanup.execute(() -> deleteFolders(service));
        }
    }

    private void deleteFolders(String service) {
        try {
            store.deleteServiceFolders(service);
        } catch (RuntimeException e) {
            log.warn("could not remove the folders of removed service {}: {}", service, e.getMessage());
        } finally {
            cleaning.remove(service);
        }
    }

    /** Writes a batch; from then on the services in it wait until the mirror shows what it wrote. */
    private void commit(ClusterStore.Batch batch, Map<String, UnseenWrites.Expected> uncommitted) {
        batch.commit();
        uncommitted.forEach((service, expected) -> {
            unseen.wrote(service, expected);
            // Should the mirror never show it, look again once it is no longer waited for.
            if (!expected.isEmpty()) queue.enqueueAfter(service, MIRROR_WAIT.plusMillis(100));
        });
        uncommitted.clear();
    }

    /** The drain of the spec the instance runs (its revision's), or of the current spec. */
    private static Duration drainOf(ServiceRecord record, ClusterMirror mirror, Instance i) {
        io.wolfpack.core.spec.ServiceSpec spec = i == null ? null : mirror.revision(i.service(), i.revision());
        if (spec == null && record != null) spec = record.spec();
        return (spec == null ? io.wolfpack.core.spec.UpdateSpec.DEFAULT : spec.update()).drain().toDuration();
    }

    /** One event per service sync, naming every instance placed (one event per instance would double the writes). */
    private io.wolfpack.core.model.Event placedEvent(String service, long revision, List<Instance> placed) {
        StringBuilder sb = new StringBuilder();
        for (Instance i : placed) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(i.id()).append(" on ").append(i.node());
            if (!i.hostPorts().isEmpty()) sb.append(' ').append(i.hostPorts());
        }
        String what = placed.size() == 1 ? "placed revision " + revision + ": " : "placed " + placed.size()
                + " instances of revision " + revision + ": ";
        Instance only = placed.size() == 1 ? placed.get(0) : null;
        return events.event("instance.placed", service, only == null ? null : only.id(), only == null ? null : only.node(),
                what + sb);
    }

    @Override
    public void close() {
        queue.close();
        cleanup.shutdownNow();
    }
}
