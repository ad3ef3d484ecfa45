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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import io.wolfpack.core.model.ReportReply;
import io.wolfpack.core.spec.TimeSpan;
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
    private final ReportLag lag;
    private final Map<String, Written> byNode = new ConcurrentHashMap<>();
    /**
     * Where the answers to reports that wrote something are sent from, once stored (a cached
     * pool: an agent slow to read its answer holds a thread, not every other agent's answer).
     */
    private final Executor replies = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "report-reply");
        t.setDaemon(true);
        return t;
    });
    /** Where a report whose transaction conflicted is written again one change at a time (rare; it blocks). */
    private final Executor fallback = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "report-fallback");
        t.setDaemon(true);
        return t;
    });

    /**
     * What this server wrote for one node that the mirror may not show yet. The mirror follows
     * ZooKeeper a moment behind; a node reports every second, so on a busy server its next report
     * would otherwise be compared with state older than the last write: the same status written
     * again, created twice (a conflict), or deleted twice. Entries go once the mirror shows them.
     * Also the lock that keeps one node's reports in order.
     */
    private static final class Written {
        final Map<String, InstanceStatus> statuses = new java.util.HashMap<>();
        final Set<ZkPaths.StatusKey> deleted = new HashSet<>();
        /** The last report's write while it is in flight. */
        CompletableFuture<Void> inFlight;
        /** Set when a write failed: what it would have written is not to be trusted. */
        volatile boolean stale;

        /** The newest status of an instance: ours if the mirror does not show it yet. */
        InstanceStatus before(String id, InstanceStatus mirrored) {
            InstanceStatus mine = statuses.get(id);
            if (mine == null) return mirrored;
            if (mine.equals(mirrored)) {
                statuses.remove(id);
                return mirrored;
            }
            return mine;
        }

        /** Whether this server deleted the status already and the mirror just does not show it yet. */
        boolean alreadyDeleted(ZkPaths.StatusKey key) {
            return deleted.contains(key);
        }

        void forget() {
            statuses.clear();
            deleted.clear();
        }
    }

    public ReportIngest(ClusterStore store, NodeRegistry registry, EventLog events, Clock clock, InstanceCpu cpu,
                        ReportLag lag) {
        this.store = store;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.cpu = cpu;
        this.lag = lag;
    }

    /** An exit or failed start that this report shows for the first time. */
    static boolean isNewFailure(InstanceStatus before, InstanceStatus after) {
        if (after.state() != io.wolfpack.core.model.InstanceState.BACKOFF) return false;
        return before == null || before.state() != io.wolfpack.core.model.InstanceState.BACKOFF
                || after.restarts() > before.restarts();
    }

    /**
     * Reports of one node are taken one at a time (the diff against the mirror and the write must
     * not interleave); reports of different nodes run in parallel. The answer comes once the
     * report's changes are stored; no thread waits for that meanwhile (a thousand agents report
     * every second, and the threads answering them must stay free for the next heartbeats). A
     * node's first report waits until the mirror shows the node (the API must know it at once).
     * The time from {@code arrivedMillis} (epoch ms, when the HTTP request arrived) to the answer
     * goes into this server's {@link ReportLag}.
     */
    public CompletableFuture<ReportReply> accept(NodeReport report, long arrivedMillis) {
        return take(report).whenComplete((reply, failure) -> lag.answered(arrivedMillis));
    }

    private CompletableFuture<ReportReply> take(NodeReport report) {
        Written written = byNode.computeIfAbsent(report.node().name(), n -> new Written());
        CompletableFuture<Void> stored;
        synchronized (written) {
            // An agent sends its next report after the answer to the last one, so this rarely waits.
            if (written.inFlight != null) written.inFlight.exceptionally(e -> null).join();
            if (written.stale) {
                written.forget();
                written.stale = false;
            }
            stored = acceptLocked(report, written);
            written.inFlight = stored;
        }
        ReportReply reply = new ReportReply(TimeSpan.ofMillis(registry.heartbeatInterval().toMillis()));
        // The answer is written by whichever thread completes this: never the ZooKeeper committer's.
        return stored.isDone() ? stored.thenApply(v -> reply) : stored.thenApplyAsync(v -> reply, replies);
    }

    private CompletableFuture<Void> acceptLocked(NodeReport report, Written written) {
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
            InstanceStatus before = written.before(status.id(), mirror.status(status.service(), status.id()));
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
        List<ZkPaths.StatusKey> shown = mirror.statusesReportedBy(node.name());
        written.deleted.retainAll(shown);
        for (ZkPaths.StatusKey old : shown) {
            if (reported.contains(old.instance()) || written.alreadyDeleted(old)) continue;
            Instance placed = mirror.instance(old.service(), old.instance());
            if (placed == null || !placed.node().equals(node.name())) {
                gone.add(old);
                batch.deleteStatus(old.service(), old.instance());
            }
        }
        written.statuses.keySet().retainAll(reported);
        if (batch.isEmpty()) return CompletableFuture.completedFuture(null);
        // Taken as written now: the node's next report waits for this one's outcome (inFlight).
        for (InstanceStatus st : changed) written.statuses.put(st.id(), st);
        written.deleted.addAll(gone);
        // Only a failure goes to the fallback pool: an *Async stage would hop there on every success too.
        CompletableFuture<Void> stored = batch.commitAsync().exceptionallyCompose(failure -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
            // Not taken as written after all: the next report starts again from what the mirror shows.
            // (Flagged, not cleared here: the next report may hold the node's lock, waiting for this.)
            written.stale = true;
            if (!(cause instanceof ConflictException)) return CompletableFuture.failedFuture(cause);
            // Someone else changed this node's state (another server, a removed service): write
            // one by one, each tolerant, off the committer's thread (these calls block).
            return CompletableFuture.runAsync(() -> {
                if (nodeChanged) store.putNode(node);
                for (InstanceStatus st : changed) store.putStatus(st);
                for (Event e : happened) store.appendEvent(e);
                for (ZkPaths.StatusKey k : gone) store.deleteStatus(k.service(), k.instance());
            }, fallback);
        });
        if (known == null) {
            // A node that just registered is one the API must know at once (cordon, nodes): answered
            // once the mirror shows it, without holding a thread meanwhile.
            return stored.thenCompose(v -> mirror.when(() -> mirror.node(node.name()) != null,
                    java.time.Duration.ofSeconds(5))).thenApply(visible -> null);
        }
        return stored;
    }
}
