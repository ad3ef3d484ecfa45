package io.wolfpack.server.feed;

import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTableBuilder;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ZkPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Keeps the two push feeds current: the route table for routers and each node's assignments for
 * agents. Any change in the mirror marks them dirty; one thread rebuilds both (coalescing bursts
 * of changes into one rebuild) and publishes, which wakes the long-polls that wait on a change.
 */
public final class FeedPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedPublisher.class);

    private final ClusterMirror mirror;
    private final LongPollFeed<List<Route>> routes = new LongPollFeed<>(List.of());
    private final Map<String, LongPollFeed<List<Assignment>>> assignments = new ConcurrentHashMap<>();
    /**
     * Changes arrive in bursts (a report writes several statuses): gather them briefly, rebuild
     * once. The wait grows with the cost of a rebuild (twice the last one, at most 500 ms), so
     * that on a large, busy cluster rebuilding never takes more than about a third of a core.
     */
    private static final long MIN_GATHER_MILLIS = 20;
    private static final long MAX_GATHER_MILLIS = 500;
    private volatile long lastRebuildMillis;

    private final java.util.concurrent.ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-publisher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();

    private final java.util.function.Supplier<java.util.Set<String>> silentNodes;

    /** @param silentNodes nodes without a recent heartbeat: their instances get no traffic */
    public FeedPublisher(ClusterMirror mirror, java.util.function.Supplier<java.util.Set<String>> silentNodes) {
        this.mirror = mirror;
        this.silentNodes = silentNodes;
    }

    /** Rebuilds soon: something the mirror does not show changed (a node went quiet or came back). */
    public void refresh() {
        requestRebuild();
    }

    public void start() {
        mirror.addListener(key -> {
            if (!(key instanceof ZkPaths.EventKey)) requestRebuild();
        });
        rebuild();
    }

    public LongPollFeed<List<Route>> routes() {
        return routes;
    }

    /** The assignments feed of a node, created on first ask. */
    public LongPollFeed<List<Assignment>> assignments(String node) {
        return assignments.computeIfAbsent(node, n -> new LongPollFeed<>(assignmentsOf(n, allAssignments())));
    }

    private void requestRebuild() {
        if (!pending.compareAndSet(false, true)) return;
        try {
            rebuilder.schedule(() -> {
                pending.set(false);
                try {
                    rebuild();
                } catch (RuntimeException e) {
                    log.error("could not rebuild the route and assignment feeds; will retry on the next change", e);
                }
            }, Math.max(MIN_GATHER_MILLIS, Math.min(MAX_GATHER_MILLIS, 2 * lastRebuildMillis)),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            // closing: the cache may still deliver a few changes
        }
    }

    private void rebuild() {
        long started = System.nanoTime();
        try {
            rebuildNow();
        } finally {
            lastRebuildMillis = (System.nanoTime() - started) / 1_000_000;
        }
    }

    private void rebuildNow() {
        List<ServiceRecord> services = new ArrayList<>();
        mirror.services().values().forEach(v -> services.add(v.value()));
        Map<String, Map<String, Instance>> instances = new HashMap<>();
        Map<String, Map<String, InstanceStatus>> statuses = new HashMap<>();
        for (ServiceRecord s : services) {
            instances.put(s.name(), mirror.instances(s.name()));
            statuses.put(s.name(), mirror.statuses(s.name()));
        }
        List<io.wolfpack.core.spec.RouteDefinition> definitions = new ArrayList<>();
        mirror.routes().values().forEach(v -> definitions.add(v.value()));
        List<Route> table = RouteTableBuilder.build(services, instances, statuses, mirror.nodes(), silentNodes.get(), definitions);
        if (routes.publish(table)) {
            int endpoints = table.stream().mapToInt(r -> r.backends().stream().mapToInt(b -> b.endpoints().size()).sum()).sum();
            log.info("route table v{}: {} routes, {} endpoints", routes.current().version(), table.size(), endpoints);
        }
        Map<String, List<Assignment>> byNode = allAssignments();
        for (String node : mirror.nodes().keySet()) assignments(node);
        assignments.forEach((node, feed) -> feed.publish(assignmentsOf(node, byNode)));
    }

    private Map<String, List<Assignment>> allAssignments() {
        Map<String, List<Assignment>> byNode = new HashMap<>();
        for (Instance i : mirror.allInstances()) {
            ServiceSpec spec = mirror.revision(i.service(), i.revision());
            if (spec == null) {
                var current = mirror.service(i.service());
                if (current == null || current.value().revision() != i.revision()) continue;
                spec = current.value().spec();
            }
            byNode.computeIfAbsent(i.node(), n -> new ArrayList<>()).add(new Assignment(i, spec));
        }
        return byNode;
    }

    private static List<Assignment> assignmentsOf(String node, Map<String, List<Assignment>> byNode) {
        List<Assignment> list = new ArrayList<>(byNode.getOrDefault(node, List.of()));
        list.sort(Comparator.comparing(a -> a.instance().id()));
        return List.copyOf(list);
    }

    @Override
    public void close() {
        rebuilder.shutdownNow();
    }
}
