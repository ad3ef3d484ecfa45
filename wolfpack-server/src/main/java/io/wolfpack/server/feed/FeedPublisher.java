package io.wolfpack.server.feed;

import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTableBuilder;
import io.wolfpack.core.spec.RouteDefinition;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ZkPaths;
import io.wolfpack.store.ZkPaths.InstanceKey;
import io.wolfpack.store.ZkPaths.Key;
import io.wolfpack.store.ZkPaths.NodeKey;
import io.wolfpack.store.ZkPaths.RevisionKey;
import io.wolfpack.store.ZkPaths.RouteKey;
import io.wolfpack.store.ZkPaths.ServiceKey;
import io.wolfpack.store.ZkPaths.StatusKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps the two push feeds current: the route table for routers and each node's assignments for
 * agents. The work per change is proportional to the change, not to the cluster: the mirror's
 * change keys name what changed; one thread gathers them briefly (a burst becomes one pass),
 * rebuilds the assignments of only the nodes concerned and the route of only the services
 * concerned (each service's shorthand route is kept between passes), and publishes, which wakes
 * the long-polls that wait on a change.
 */
public final class FeedPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(FeedPublisher.class);

    private final ClusterMirror mirror;
    private final LongPollFeed<List<Route>> routes = new LongPollFeed<>(List.of());
    private final Map<String, LongPollFeed<List<Assignment>>> assignments = new ConcurrentHashMap<>();
    /**
     * Changes arrive in bursts (a report writes several statuses): gather them briefly, rebuild
     * once. The wait grows with the cost of a pass (twice the last one, at most 500 ms), so that
     * a pass never takes more than about a third of a core.
     */
    private static final long MIN_GATHER_MILLIS = 20;
    private static final long MAX_GATHER_MILLIS = 500;
    private volatile long lastRebuildMillis;

    private final ScheduledExecutorService rebuilder = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "feed-publisher");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    /** Filled on the cache's thread, drained by the publisher's. */
    private final ConcurrentLinkedQueue<Key> changes = new ConcurrentLinkedQueue<>();

    private final Supplier<Set<String>> silentNodes;

    // Touched only on the publisher's thread.
    /** The node each instance was on when last seen: a removed instance must leave that node's list. */
    private final Map<InstanceKey, String> placedOn = new HashMap<>();
    /** Each service's shorthand route as last built, by name (so already in table order); services without one are absent. */
    private final Map<String, Route> shorthands = new TreeMap<>();
    private List<Route> lastFileRoutes = List.of();
    private Set<String> lastSilent = Set.of();

    /** @param silentNodes nodes without a recent heartbeat: their instances get no traffic */
    public FeedPublisher(ClusterMirror mirror, Supplier<Set<String>> silentNodes) {
        this.mirror = mirror;
        this.silentNodes = silentNodes;
    }

    /** Rebuilds soon: something the mirror does not show changed (a node went quiet or came back). */
    public void refresh() {
        requestRebuild();
    }

    /** Listens to the mirror and builds both feeds in full once; returns when they are built. */
    public void start() {
        mirror.addListener(key -> {
            // Events, unplaced notes and cordon/drain marks are in neither feed.
            if (key instanceof ServiceKey || key instanceof RevisionKey || key instanceof InstanceKey
                    || key instanceof StatusKey || key instanceof NodeKey || key instanceof RouteKey) {
                changes.add(key);
                requestRebuild();
            }
        });
        try {
            rebuilder.submit(this::rebuildAll).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not build the route and assignment feeds", e.getCause());
        }
    }

    public LongPollFeed<List<Route>> routes() {
        return routes;
    }

    /** The assignments feed of a node, created on first ask. */
    public LongPollFeed<List<Assignment>> assignments(String node) {
        return assignments.computeIfAbsent(node, n -> new LongPollFeed<>(assignmentsOf(n)));
    }

    private void requestRebuild() {
        if (!pending.compareAndSet(false, true)) return;
        try {
            rebuilder.schedule(() -> {
                pending.set(false);
                long started = System.nanoTime();
                try {
                    rebuildChanged();
                } catch (RuntimeException e) {
                    log.error("could not update the route and assignment feeds; rebuilding them in full", e);
                    rebuildAll();
                } finally {
                    lastRebuildMillis = (System.nanoTime() - started) / 1_000_000;
                }
            }, Math.max(MIN_GATHER_MILLIS, Math.min(MAX_GATHER_MILLIS, 2 * lastRebuildMillis)), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closing: the cache may still deliver a few changes
        }
    }

    /** Everything, as at start or after a failed pass. */
    private void rebuildAll() {
        try {
            changes.clear();
            placedOn.clear();
            shorthands.clear();
            lastFileRoutes = null;
            Set<String> services = new HashSet<>(mirror.services().keySet());
            services.addAll(mirror.servicesWithInstances());
            Set<String> nodes = new HashSet<>(mirror.nodeNames());
            for (Instance i : mirror.allInstances()) {
                placedOn.put(new InstanceKey(i.service(), i.id()), i.node());
                nodes.add(i.node());
            }
            nodes.addAll(assignments.keySet());
            publish(services, nodes, true, silentNodes.get());
        } catch (RuntimeException e) {
            log.error("could not build the route and assignment feeds; will retry on the next change", e);
        }
    }

    /** The services and nodes the changes gathered since the last pass concern. */
    private void rebuildChanged() {
        Set<String> services = new HashSet<>();
        Set<String> nodes = new HashSet<>();
        boolean files = false;
        Key key;
        while ((key = changes.poll()) != null) {
            if (key instanceof InstanceKey k) {
                services.add(k.service());
                Instance now = mirror.instance(k.service(), k.instance());
                String before = now == null ? placedOn.remove(k) : placedOn.put(k, now.node());
                if (before != null) nodes.add(before);
                if (now != null) nodes.add(now.node());
            } else if (key instanceof StatusKey k) {
                services.add(k.service());
            } else if (key instanceof ServiceKey k) {
                services.add(k.service());
                nodesOf(k.service(), nodes);
            } else if (key instanceof RevisionKey k) {
                nodesOf(k.service(), nodes);
            } else if (key instanceof NodeKey k) {
                nodes.add(k.node());
                services.addAll(mirror.servicesOn(k.node()));
            } else if (key instanceof RouteKey) {
                files = true;
            }
        }
        // A node turning silent or live changes the endpoints of the services on it.
        Set<String> silent = silentNodes.get();
        if (!silent.equals(lastSilent)) {
            Set<String> flipped = new HashSet<>(silent);
            flipped.addAll(lastSilent);
            for (String n : flipped) {
                if (silent.contains(n) != lastSilent.contains(n)) services.addAll(mirror.servicesOn(n));
            }
        }
        if (!services.isEmpty() || files) publishRoutes(services, silent);
        else lastSilent = silent;
        for (String node : nodes) assignments(node).publish(assignmentsOf(node));
    }

    /** An assignment carries its service's spec: a new spec or revision changes every node holding the service. */
    private void nodesOf(String service, Set<String> nodes) {
        for (Instance i : mirror.instances(service).values()) nodes.add(i.node());
    }

    private void publish(Set<String> services, Set<String> nodes, boolean routesChanged, Set<String> silent) {
        if (routesChanged) publishRoutes(services, silent);
        for (String node : nodes) assignments(node).publish(assignmentsOf(node));
    }

    private void publishRoutes(Set<String> changedServices, Set<String> silent) {
        lastSilent = silent;
        boolean changed = false;
        for (String name : changedServices) {
            ClusterMirror.Versioned<ServiceRecord> svc = mirror.service(name);
            Route r = svc == null ? null : RouteTableBuilder.shorthandRoute(svc.value(), mirror.instances(name),
                    mirror.statuses(name), mirror::node, silent);
            Route before = r == null ? shorthands.remove(name) : shorthands.put(name, r);
            changed |= !Objects.equals(before, r);
        }
        List<Route> files = fileRoutes(silent);
        changed |= !files.equals(lastFileRoutes);
        lastFileRoutes = files;
        // Compared per service above: comparing the whole table again would cost what this class avoids.
        if (!changed) return;
        List<Route> table = RouteTableBuilder.merge(files, shorthands.values());
        routes.publishChanged(table);
        log.info("route table v{}: {} routes", routes.current().version(), table.size());
    }

    /** Route files are few: built anew on every pass, with only the services they name. */
    private List<Route> fileRoutes(Set<String> silent) {
        List<RouteDefinition> definitions = new ArrayList<>();
        mirror.routes().values().forEach(v -> definitions.add(v.value()));
        if (definitions.isEmpty()) return List.of();
        List<ServiceRecord> services = new ArrayList<>();
        Map<String, Map<String, Instance>> instances = new HashMap<>();
        Map<String, Map<String, InstanceStatus>> statuses = new HashMap<>();
        for (RouteDefinition d : definitions) {
            for (RouteDefinition.RouteBackend b : d.backends()) {
                if (b.isStatic() || instances.containsKey(b.service())) continue;
                ClusterMirror.Versioned<ServiceRecord> svc = mirror.service(b.service());
                if (svc != null) services.add(svc.value());
                instances.put(b.service(), mirror.instances(b.service()));
                statuses.put(b.service(), mirror.statuses(b.service()));
            }
        }
        return RouteTableBuilder.fileRoutes(definitions, services, instances, statuses, mirror::node, silent);
    }

    private List<Assignment> assignmentsOf(String node) {
        List<Assignment> list = new ArrayList<>();
        for (Instance i : mirror.instancesOn(node)) {
            ServiceSpec spec = mirror.revision(i.service(), i.revision());
            if (spec == null) {
                var current = mirror.service(i.service());
                if (current == null || current.value().revision() != i.revision()) continue;
                spec = current.value().spec();
            }
            list.add(new Assignment(i, spec));
        }
        list.sort(Comparator.comparing(a -> a.instance().id()));
        return List.copyOf(list);
    }

    @Override
    public void close() {
        rebuilder.shutdownNow();
    }
}
