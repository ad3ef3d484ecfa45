package io.wolfpack.store;

import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.store.ZkPaths.EventKey;
import io.wolfpack.store.ZkPaths.InstanceKey;
import io.wolfpack.store.ZkPaths.Key;
import io.wolfpack.store.ZkPaths.NodeKey;
import io.wolfpack.store.ZkPaths.NodeControlKey;
import io.wolfpack.store.ZkPaths.RouteKey;
import io.wolfpack.core.spec.RouteDefinition;
import io.wolfpack.core.model.NodeControl;
import io.wolfpack.store.ZkPaths.RevisionKey;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.store.ZkPaths.ServiceKey;
import io.wolfpack.store.ZkPaths.StatusKey;
import io.wolfpack.store.ZkPaths.UnplacedKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * An in-memory copy of the /wolfpack tree, kept current by a ZooKeeper cache, typed by
 * {@link ZkPaths.Key}. Reads never touch ZooKeeper. Listeners hear which key changed; they only
 * enqueue work, never do it on the cache's thread.
 */
public final class ClusterMirror {
    private static final Logger log = LoggerFactory.getLogger(ClusterMirror.class);

    /** A stored value with its ZooKeeper data version, for optimistic concurrency. */
    public record Versioned<T>(T value, int version) {
    }

    private final Map<String, Versioned<ServiceRecord>> services = new ConcurrentHashMap<>();
    private final Map<String, Map<Long, ServiceSpec>> revisions = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Instance>> instances = new ConcurrentHashMap<>();
    private final Map<String, Map<String, InstanceStatus>> statuses = new ConcurrentHashMap<>();
    private final Map<String, Set<StatusKey>> statusesByNode = new ConcurrentHashMap<>();
    private final Map<String, Set<InstanceKey>> instancesByNode = new ConcurrentHashMap<>();
    private final Map<String, String> unplaced = new ConcurrentHashMap<>();
    private final Map<String, NodeInfo> nodes = new ConcurrentHashMap<>();
    private final Map<String, NodeControl> nodeControls = new ConcurrentHashMap<>();
    private final Map<String, Versioned<RouteDefinition>> routes = new ConcurrentHashMap<>();
    private final NavigableMap<Long, Event> events = new ConcurrentSkipListMap<>();
    private final List<Consumer<Key>> listeners = new CopyOnWriteArrayList<>();
    /** Services' folders ({@link ZkPaths#isServiceFolder}) that exist. */
    private final Set<String> folders = ConcurrentHashMap.newKeySet();
    private final Set<Waiter> waiters = ConcurrentHashMap.newKeySet();

    public void addListener(Consumer<Key> listener) {
        listeners.add(listener);
    }

    // ---- reads

    public Map<String, Versioned<ServiceRecord>> services() {
        return Map.copyOf(services);
    }

    public Versioned<ServiceRecord> service(String name) {
        return services.get(name);
    }

    /** The spec of one revision of a service, or null if it was not kept. */
    public ServiceSpec revision(String service, long revision) {
        Map<Long, ServiceSpec> m = revisions.get(service);
        return m == null ? null : m.get(revision);
    }

    /** The revision numbers kept for a service, ascending. */
    public java.util.SortedMap<Long, ServiceSpec> revisions(String service) {
        Map<Long, ServiceSpec> m = revisions.get(service);
        return m == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(m);
    }

    /** One placed instance, or null; no copying (hot path). */
    public Instance instance(String service, String id) {
        Map<String, Instance> m = instances.get(service);
        return m == null ? null : m.get(id);
    }

    /** One reported status, or null; no copying (hot path). */
    public InstanceStatus status(String service, String id) {
        Map<String, InstanceStatus> m = statuses.get(service);
        return m == null ? null : m.get(id);
    }

    /** Whether a service's folder ({@link ZkPaths#isServiceFolder}) exists, as far as the mirror has seen. */
    public boolean hasFolder(String path) {
        return folders.contains(path);
    }

    /** Whether any of a service's folders ({@link ZkPaths#serviceFolders}) is still there, as far as the mirror has seen. */
    public boolean hasServiceFolders(String service) {
        for (String folder : ZkPaths.serviceFolders(service)) if (folders.contains(folder)) return true;
        return false;
    }

    /** One registered node, or null. */
    public NodeInfo node(String name) {
        return nodes.get(name);
    }

    /** The statuses reported by one node (service and instance of each), from an index kept on every change. */
    public List<StatusKey> statusesReportedBy(String node) {
        Set<StatusKey> keys = statusesByNode.get(node);
        return keys == null ? List.of() : List.copyOf(keys);
    }

    /** The services with instances placed on one node, from an index kept on every change. */
    public Set<String> servicesOn(String node) {
        Set<InstanceKey> keys = instancesByNode.get(node);
        Set<String> out = new java.util.HashSet<>();
        if (keys != null) keys.forEach(k -> out.add(k.service()));
        return out;
    }

    /** The instances placed on one node, from an index kept on every change (no walk over the cluster). */
    public List<Instance> instancesOn(String node) {
        Set<InstanceKey> keys = instancesByNode.get(node);
        if (keys == null) return List.of();
        List<Instance> out = new ArrayList<>(keys.size());
        for (InstanceKey k : keys) {
            Instance i = instance(k.service(), k.instance());
            if (i != null && i.node().equals(node)) out.add(i);
        }
        return out;
    }

    /** Services with instances waiting for a node (an unplaced note). */
    public Set<String> unplacedServices() {
        return Set.copyOf(unplaced.keySet());
    }

    public Map<String, Instance> instances(String service) {
        Map<String, Instance> m = instances.get(service);
        return m == null ? Map.of() : Map.copyOf(m);
    }

    /** Every instance of every service, including services being removed. */
    public List<Instance> allInstances() {
        List<Instance> all = new ArrayList<>();
        instances.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    /** How many instances are placed, over every service, without copying them. */
    public int instanceCount() {
        int n = 0;
        for (Map<String, Instance> m : instances.values()) n += m.size();
        return n;
    }

    /** Services that have instances, whether or not their record still exists. */
    public List<String> servicesWithInstances() {
        return List.copyOf(instances.keySet());
    }

    public Map<String, InstanceStatus> statuses(String service) {
        Map<String, InstanceStatus> m = statuses.get(service);
        return m == null ? Map.of() : Map.copyOf(m);
    }

    public List<InstanceStatus> allStatuses() {
        List<InstanceStatus> all = new ArrayList<>();
        statuses.values().forEach(m -> all.addAll(m.values()));
        return all;
    }

    public String unplaced(String service) {
        return unplaced.get(service);
    }

    /** The names of the registered nodes: a live view, no copying (asked for every node every few hundred ms). */
    public Set<String> nodeNames() {
        return java.util.Collections.unmodifiableSet(nodes.keySet());
    }

    /** The operator decision on one node, or null. */
    public NodeControl nodeControl(String node) {
        return nodeControls.get(node);
    }

    public Map<String, NodeInfo> nodes() {
        return Map.copyOf(nodes);
    }

    /** Operator decisions (cordon, drain) by node name; nodes without one are absent. */
    public Map<String, NodeControl> nodeControls() {
        return Map.copyOf(nodeControls);
    }

    /** Route files as applied, by route name. */
    public Map<String, Versioned<RouteDefinition>> routes() {
        return Map.copyOf(routes);
    }

    public Versioned<RouteDefinition> route(String name) {
        return routes.get(name);
    }

    /** Events with a sequence number above {@code after}, oldest first, at most {@code limit}. */
    public List<Event> eventsAfter(long after, int limit) {
        List<Event> out = new ArrayList<>();
        for (Event e : events.tailMap(after, false).values()) {
            if (out.size() >= limit) break;
            out.add(e);
        }
        return out;
    }

    public long lastEventSeq() {
        return events.isEmpty() ? 0 : events.lastKey();
    }

    public int eventCount() {
        return events.size();
    }

    /**
     * The oldest event znodes (their {@link EventKey#id}s) that hold at most {@code excess} events
     * together: what to delete so that at least all but {@code excess} events stay. Whole znodes
     * only, so up to {@link ZkPaths#EVENTS_PER_ZNODE} - 1 more events may stay.
     */
    public List<Long> oldestEventZnodes(int excess) {
        List<Long> out = new ArrayList<>();
        int taken = 0;
        long znode = -1;
        int inZnode = 0;
        for (Long seq : events.keySet()) {
            long z = ZkPaths.eventZnode(seq);
            if (z != znode) {
                if (znode >= 0) {
                    if (taken + inZnode > excess) return out;
                    out.add(znode);
                    taken += inZnode;
                }
                znode = z;
                inZnode = 0;
            }
            inZnode++;
        }
        if (znode >= 0 && taken + inZnode <= excess) out.add(znode);
        return out;
    }

    /**
     * Waits until {@code condition} holds, at most {@code max}. The condition is tested on the
     * cache's thread after every change and the waiter woken only when it holds, so that hundreds
     * of waiting API calls cost a change a few lookups each, not a thread wake-up each. Conditions
     * must be cheap and only read this mirror.
     */
    public boolean await(BooleanSupplier condition, Duration max) throws InterruptedException {
        if (condition.getAsBoolean()) return true;
        Waiter w = new Waiter(condition, Thread.currentThread());
        waiters.add(w);
        try {
            long deadline = System.nanoTime() + max.toNanos();
            // Tested again once registered: a change just before then found no waiter to wake.
            while (!w.met && !condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) throw new InterruptedException();
            }
            return true;
        } finally {
            waiters.remove(w);
        }
    }

    /**
     * The same wait without a thread: the future completes with true once {@code condition}
     * holds, with false after {@code max}. For request handlers that must not hold a server
     * thread meanwhile (a thousand agents registering at once would hold a thousand). It may
     * complete on the cache's thread: continue with an *Async stage on an executor of your own.
     */
    public java.util.concurrent.CompletableFuture<Boolean> when(BooleanSupplier condition, Duration max) {
        if (condition.getAsBoolean()) return java.util.concurrent.CompletableFuture.completedFuture(true);
        java.util.concurrent.CompletableFuture<Boolean> done = new java.util.concurrent.CompletableFuture<>();
        Waiter w = new Waiter(condition, null, done);
        waiters.add(w);
        done.whenComplete((ok, e) -> waiters.remove(w));
        // Tested again once registered: a change just before then found no waiter to complete.
        if (condition.getAsBoolean()) done.complete(true);
        else done.completeOnTimeout(false, max.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        return done;
    }

    /** A thread parked in {@link #await}, or a future from {@link #when}. */
    private static final class Waiter {
        final BooleanSupplier condition;
        final Thread thread;
        final java.util.concurrent.CompletableFuture<Boolean> future;
        volatile boolean met;

        Waiter(BooleanSupplier condition, Thread thread) {
            this(condition, thread, null);
        }

        Waiter(BooleanSupplier condition, Thread thread, java.util.concurrent.CompletableFuture<Boolean> future) {
            this.condition = condition;
            this.thread = thread;
            this.future = future;
        }

        void wake() {
            met = true;
            if (thread != null) LockSupport.unpark(thread);
            else future.complete(true);
        }
    }

    // ---- updates from the cache

    void put(String path, int version, byte[] data) {
        if (ZkPaths.isServiceFolder(path)) folders.add(path);
        ZkPaths.parse(path).ifPresent(key -> {
            try {
                apply(key, version, data);
            } catch (RuntimeException e) {
                log.warn("ignoring unreadable data at {}: {}", path, e.getMessage());
                return;
            }
            changed(key);
        });
    }

    void remove(String path) {
        if (ZkPaths.isServiceFolder(path)) folders.remove(path);
        ZkPaths.parse(path).ifPresent(key -> {
            if (key instanceof ServiceKey k) services.remove(k.service());
            else if (key instanceof RevisionKey k) removeNested(revisions, k.service(), k.revision());
            else if (key instanceof InstanceKey k) {
                Instance old = instance(k.service(), k.instance());
                removeNested(instances, k.service(), k.instance());
                if (old != null) unindex(instancesByNode, old.node(), k);
            }
            else if (key instanceof StatusKey k) {
                InstanceStatus old = status(k.service(), k.instance());
                removeNested(statuses, k.service(), k.instance());
                if (old != null) unindex(statusesByNode, old.node(), k);
            }
            else if (key instanceof UnplacedKey k) unplaced.remove(k.service());
            else if (key instanceof NodeKey k) nodes.remove(k.node());
            else if (key instanceof NodeControlKey k) nodeControls.remove(k.node());
            else if (key instanceof RouteKey k) routes.remove(k.route());
            else if (key instanceof EventKey k) {
                events.subMap(ZkPaths.eventSeq(k.id(), 0), ZkPaths.eventSeq(k.id() + 1, 0)).clear();
            }
            changed(key);
        });
    }

    private void apply(Key key, int version, byte[] data) {
        if (key instanceof ServiceKey k) {
            services.put(k.service(), new Versioned<>(Json.read(data, ServiceRecord.class), version));
        } else if (key instanceof RevisionKey k) {
            revisions.computeIfAbsent(k.service(), s -> new ConcurrentHashMap<>()).put(k.revision(), Json.read(data, ServiceSpec.class));
        } else if (key instanceof InstanceKey k) {
            Instance now = Json.read(data, Instance.class);
            Instance old = instances.computeIfAbsent(k.service(), s -> new ConcurrentHashMap<>()).put(k.instance(), now);
            if (old != null && !old.node().equals(now.node())) unindex(instancesByNode, old.node(), k);
            instancesByNode.computeIfAbsent(now.node(), n -> ConcurrentHashMap.newKeySet()).add(k);
        } else if (key instanceof StatusKey k) {
            InstanceStatus now = Json.read(data, InstanceStatus.class);
            InstanceStatus old = statuses.computeIfAbsent(k.service(), s -> new ConcurrentHashMap<>()).put(k.instance(), now);
            if (old != null && !old.node().equals(now.node())) unindex(statusesByNode, old.node(), k);
            statusesByNode.computeIfAbsent(now.node(), n -> ConcurrentHashMap.newKeySet()).add(k);
        } else if (key instanceof UnplacedKey k) {
            unplaced.put(k.service(), new String(data, StandardCharsets.UTF_8));
        } else if (key instanceof NodeKey k) {
            nodes.put(k.node(), Json.read(data, NodeInfo.class));
        } else if (key instanceof NodeControlKey k) {
            nodeControls.put(k.node(), Json.read(data, NodeControl.class));
        } else if (key instanceof RouteKey k) {
            routes.put(k.route(), new Versioned<>(Json.read(data, RouteDefinition.class), version));
        } else if (key instanceof EventKey k) {
            // One event (as a single write stores it) or several written together.
            boolean several = data.length > 0 && data[0] == '[';
            Event[] written = several ? Json.read(data, Event[].class) : new Event[]{Json.read(data, Event.class)};
            for (int i = 0; i < written.length; i++) {
                long seq = ZkPaths.eventSeq(k.id(), i);
                events.put(seq, written[i].withSeq(seq));
            }
        }
    }

    private static <K> void unindex(Map<String, Set<K>> index, String node, K key) {
        index.computeIfPresent(node, (n, set) -> {
            set.remove(key);
            return set.isEmpty() ? null : set;
        });
    }

    private static <K, V> void removeNested(Map<String, Map<K, V>> map, String outer, K inner) {
        map.computeIfPresent(outer, (k, m) -> {
            m.remove(inner);
            return m.isEmpty() ? null : m;
        });
    }

    private void changed(Key key) {
        for (Waiter w : waiters) {
            try {
                if (w.met || !w.condition.getAsBoolean()) continue;
            } catch (RuntimeException e) {
                log.debug("a mirror wait condition failed: {}", e.toString());
                continue;
            }
            w.wake();
        }
        for (Consumer<Key> l : listeners) {
            try {
                l.accept(key);
            } catch (RuntimeException e) {
                log.error("mirror listener failed on {}", key, e);
            }
        }
    }
}
