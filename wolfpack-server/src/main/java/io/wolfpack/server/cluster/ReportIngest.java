package io.wolfpack.server.cluster;

import io.wolfpack.core.events.StatusEvents;
import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.NodeReport;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import io.wolfpack.store.ConflictException;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.wolfpack.store.ZkPaths;

/**
 * Takes an agent's report: the heartbeat, the node's registration, and every instance status
 * that changed (only changes are written, so a quiet cluster writes nothing). Statuses of
 * instances no longer placed on that node are dropped.
 */
public final class ReportIngest {
    private final ClusterStore store;
    private final NodeRegistry registry;
    private final EventLog events;
    private final Clock clock;
    private final InstanceCpu cpu;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public ReportIngest(ClusterStore store, NodeRegistry registry, EventLog events, Clock clock, InstanceCpu cpu) {
        this.store = store;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.cpu = cpu;
    }

    /** An exit or failed start that this report shows for the first time. */
    static boolean isNewFailure(InstanceStatus before, InstanceStatus after) {
        if (after.state() != io.wolfpack.core.model.InstanceState.BACKOFF) return false;
        return before == null || before.state() != io.wolfpack.core.model.InstanceState.BACKOFF
                || after.restarts() > before.restarts();
    }

    /**
     * Reports of one node are taken one at a time (the diff against the mirror and the write must
     * not interleave); reports of different nodes run in parallel.
     */
    public io.wolfpack.core.model.ReportReply accept(NodeReport report) {
        Object lock = locks.computeIfAbsent(report.node().name(), n -> new Object());
        synchronized (lock) {
            acceptLocked(report);
        }
        return new io.wolfpack.core.model.ReportReply(io.wolfpack.core.spec.TimeSpan.ofMillis(registry.heartbeatInterval().toMillis()));
    }

    private void acceptLocked(NodeReport report) {
        ClusterMirror mirror = store.mirror();
        NodeInfo node = report.node();
        boolean firstSinceStart = registry.heartbeat(node.name(), report.engineError(), report.load());
        // Every change this report brings, with its events, goes out in one transaction.
        ClusterStore.Batch batch = store.batch();
        List<InstanceStatus> changed = new ArrayList<>();
        List<Event> happened = new ArrayList<>();
        NodeInfo known = mirror.node(node.name());
        boolean nodeChanged = !node.equals(known);
        if (nodeChanged) batch.putNode(node, known != null);
        if (known == null) {
            happened.add(events.event("node.registered", null, null, node.name(), "registered at " + node.address()
                    + " with " + node.cpu() + " cpu, " + node.memory().human() + " memory, engine " + node.engineVersion()));
        } else if (firstSinceStart) {
            happened.add(events.event("node.ready", null, null, node.name(), "agent at " + node.address() + " reporting"));
        }
        happened.forEach(batch::event);
        List<ZkPaths.StatusKey> gone = new ArrayList<>();
        Set<String> reported = new HashSet<>();
        for (InstanceStatus measured : report.instances()) {
            // CPU changes with every report: it goes to memory only, so the status stays unchanged.
            InstanceStatus status = measured.withCpu(null);
            Instance placed = mirror.instance(status.service(), status.id());
            if (placed == null || !placed.node().equals(node.name())) continue;
            cpu.report(status.service(), status.id(), measured.cpu());
            reported.add(status.id());
            InstanceStatus before = mirror.status(status.service(), status.id());
            if (status.equals(before)) continue;
            if (isNewFailure(before, status)) registry.failure(node.name(), status.service());
            changed.add(status);
            batch.putStatus(status, before != null);
            for (Event e : StatusEvents.between(before, status, clock.instant())) {
                happened.add(events.event(e));
                batch.event(e);
            }
        }
        // Drop statuses this node reported earlier for instances that are no longer placed here.
        for (ZkPaths.StatusKey old : mirror.statusesReportedBy(node.name())) {
            if (reported.contains(old.instance())) continue;
            Instance placed = mirror.instance(old.service(), old.instance());
            if (placed == null || !placed.node().equals(node.name())) {
                gone.add(old);
                batch.deleteStatus(old.service(), old.instance());
            }
        }
        try {
            batch.commit();
        } catch (ConflictException raced) {
            // The mirror had not caught up with an earlier write: write one by one, each tolerant.
            if (nodeChanged) store.putNode(node);
            for (InstanceStatus st : changed) store.putStatus(st);
            for (Event e : happened) store.appendEvent(e);
            for (ZkPaths.StatusKey k : gone) store.deleteStatus(k.service(), k.instance());
        }
        if (known == null) {
            // A node that just registered is one the API must know at once (cordon, nodes).
            try {
                mirror.await(() -> mirror.node(node.name()) != null, java.time.Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
