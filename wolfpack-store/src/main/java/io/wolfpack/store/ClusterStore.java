package io.wolfpack.store;

import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.ServiceRecord;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Wolfpack's state in ZooKeeper: typed writes at the paths of {@link ZkPaths}, and a
 * {@link ClusterMirror} of the whole tree for reads. A write returns only once ZooKeeper has
 * acknowledged it (and so written it to its log on disk).
 */
public final class ClusterStore implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterStore.class);

    private final String connectString;
    private final CuratorFramework zk;
    private final ClusterMirror mirror = new ClusterMirror();
    private final java.util.Set<String> knownFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private CuratorCache cache;

    public ClusterStore(String connectString) {
        this.connectString = connectString;
        this.zk = CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(15_000)
                .connectionTimeoutMs(5_000)
                .retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000))
                .build();
    }

    /** Connects, creates the folders, and fills the mirror before returning. */
    public void start(Duration connectTimeout) throws InterruptedException {
        zk.start();
        if (!zk.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
            zk.close();
            throw new StoreException("cannot connect to ZooKeeper at " + connectString + " within "
                    + connectTimeout.toSeconds() + "s; is it running? (--zookeeper host:port,...)", null);
        }
        for (String folder : ZkPaths.FOLDERS) {
            try {
                zk.create().orSetData().creatingParentsIfNeeded().forPath(folder);
            } catch (Exception e) {
                throw new StoreException("cannot create " + folder + " in ZooKeeper at " + connectString, e);
            }
        }
        CountDownLatch initialized = new CountDownLatch(1);
        cache = CuratorCache.build(zk, ZkPaths.ROOT);
        cache.listenable().addListener(CuratorCacheListener.builder()
                .forCreatesAndChanges((before, now) -> mirror.put(now.getPath(), now.getStat().getVersion(), now.getData()))
                .forDeletes(old -> mirror.remove(old.getPath()))
                .forInitialized(initialized::countDown)
                .build());
        cache.start();
        if (!initialized.await(60, TimeUnit.SECONDS)) {
            throw new StoreException("ZooKeeper at " + connectString + " did not deliver the cluster state within 60s", null);
        }
        log.info("connected to ZooKeeper at {}: {} services, {} instances, {} nodes", connectString,
                mirror.services().size(), mirror.allInstances().size(), mirror.nodes().size());
    }

    public ClusterMirror mirror() {
        return mirror;
    }

    public CuratorFramework curator() {
        return zk;
    }

    public String connectString() {
        return connectString;
    }

    public boolean connected() {
        return zk.getZookeeperClient().isConnected();
    }

    // ---- services

    /** Replaces the record if it is still at {@code expectedVersion}; ConflictException otherwise. */
    public void updateService(ServiceRecord record, int expectedVersion) {
        String path = ZkPaths.service(record.name());
        run("update service " + record.name(), () -> zk.setData().withVersion(expectedVersion).forPath(path, Json.bytes(record)));
    }

    public void deleteService(String name, int expectedVersion) {
        run("delete service " + name, () -> zk.delete().withVersion(expectedVersion).forPath(ZkPaths.service(name)));
    }

    // ---- instances (desired)

    /** Removes the empty folders a removed service leaves behind. */
    public void deleteServiceFolders(String service) {
        knownFolders.remove(ZkPaths.instancesOf(service));
        knownFolders.remove(ZkPaths.statusesOf(service));
        knownFolders.remove(ZkPaths.revisionsOf(service));
        try {
            zk.delete().deletingChildrenIfNeeded().forPath(ZkPaths.revisionsOf(service));
        } catch (KeeperException.NoNodeException ignored) {
            // no revisions kept
        } catch (Exception e) {
            throw new StoreException("cannot delete the revisions of " + service + " in ZooKeeper at " + connectString, e);
        }
        deleteQuietly(ZkPaths.instancesOf(service));
        deleteQuietly(ZkPaths.statusesOf(service));
        deleteQuietly(ZkPaths.unplaced(service));
    }

    // ---- observed

    public void putStatus(InstanceStatus status) {
        put(ZkPaths.status(status.service(), status.id()), Json.bytes(status));
    }

    public void deleteStatus(String service, String id) {
        deleteQuietly(ZkPaths.status(service, id));
    }

    public void putNode(NodeInfo node) {
        put(ZkPaths.node(node.name()), Json.bytes(node));
    }

    /** Records a cordon or drain; {@code null} control for a node means uncordon. */
    public void putNodeControl(String node, io.wolfpack.core.model.NodeControl control) {
        if (control == null) deleteQuietly(ZkPaths.nodeControl(node));
        else put(ZkPaths.nodeControl(node), Json.bytes(control));
    }

    // ---- route files

    /**
     * Stores a route file. {@code expectedVersion} is the data version read before the change
     * (optimistic concurrency, {@link ConflictException} when someone else changed it since), or
     * -1 to create it when it does not exist yet.
     */
    public void putRoute(io.wolfpack.core.spec.RouteDefinition route, int expectedVersion) {
        String path = ZkPaths.route(route.name());
        if (expectedVersion < 0) {
            run("create route " + route.name(), () -> zk.create().forPath(path, Json.bytes(route)));
        } else {
            run("update route " + route.name(), () -> zk.setData().withVersion(expectedVersion).forPath(path, Json.bytes(route)));
        }
    }

    public void deleteRoute(String name, int expectedVersion) {
        run("delete route " + name, () -> zk.delete().withVersion(expectedVersion).forPath(ZkPaths.route(name)));
    }

    // ---- events

    /** Appends an event; ZooKeeper's sequential node name gives its cluster-wide sequence number. */
    public void appendEvent(Event event) {
        run("record event " + event.type(), () -> zk.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.EVENT_PREFIX, Json.bytes(event.withSeq(0))));
    }

    public void deleteEvent(long seq) {
        deleteQuietly(ZkPaths.event(seq));
    }

    // ---- batches

    /** Writes that succeed or fail together, in one ZooKeeper transaction (one log write, one fsync). */
    public Batch batch() {
        return new Batch();
    }

    public final class Batch {
        private final List<CuratorOp> ops = new ArrayList<>();
        private final java.util.Set<String> parents = new java.util.LinkedHashSet<>();
        private final List<String> created = new ArrayList<>();

        private Batch() {
        }

        /** Rewrites a placed instance (to mark it retiring); it must exist. */
        public Batch updateInstance(Instance instance) {
            return add(() -> zk.transactionOp().setData()
                    .forPath(ZkPaths.instance(instance.service(), instance.id()), Json.bytes(instance)));
        }

        public Batch createInstance(Instance instance) {
            parents.add(ZkPaths.instancesOf(instance.service()));
            return add(() -> zk.transactionOp().create().forPath(ZkPaths.instance(instance.service(), instance.id()),
                    Json.bytes(instance)));
        }

        /**
         * Creates a folder in this transaction unless it exists, so that later batches writing
         * under it need no extra round trip.
         */
        public Batch folder(String path) {
            if (knownFolders.contains(path)) return this;
            boolean exists;
            try {
                exists = zk.checkExists().forPath(path) != null;
            } catch (Exception e) {
                throw new StoreException("cannot check " + path + " in ZooKeeper at " + connectString + ": " + e, e);
            }
            if (exists) {
                knownFolders.add(path);
                return this;
            }
            created.add(path);
            return add(() -> zk.transactionOp().create().forPath(path));
        }

        public Batch createService(ServiceRecord record) {
            return add(() -> zk.transactionOp().create().forPath(ZkPaths.service(record.name()), Json.bytes(record)));
        }

        public Batch updateService(ServiceRecord record, int expectedVersion) {
            return add(() -> zk.transactionOp().setData().withVersion(expectedVersion)
                    .forPath(ZkPaths.service(record.name()), Json.bytes(record)));
        }

        /** Keeps a new revision's spec; {@code exists} when that revision number is stored already (a re-created service). */
        public Batch putRevision(String service, long revision, io.wolfpack.core.spec.ServiceSpec spec, boolean exists) {
            folder(ZkPaths.revisionsOf(service));
            byte[] data = Json.bytes(spec);
            String path = ZkPaths.revision(service, revision);
            if (exists) return add(() -> zk.transactionOp().setData().forPath(path, data));
            return add(() -> zk.transactionOp().create().forPath(path, data));
        }

        public Batch deleteInstance(String service, String id) {
            return add(() -> zk.transactionOp().delete().forPath(ZkPaths.instance(service, id)));
        }

        public Batch event(Event event) {
            return add(() -> zk.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(ZkPaths.EVENT_PREFIX, Json.bytes(event.withSeq(0))));
        }

        /** Sets, replaces or (with null) clears the unplaced note; {@code exists} says whether one is stored now. */
        public Batch unplaced(String service, String explanation, boolean exists) {
            String path = ZkPaths.unplaced(service);
            if (explanation == null) return exists ? add(() -> zk.transactionOp().delete().forPath(path)) : this;
            byte[] data = explanation.getBytes(StandardCharsets.UTF_8);
            if (exists) return add(() -> zk.transactionOp().setData().forPath(path, data));
            return add(() -> zk.transactionOp().create().forPath(path, data));
        }

        public boolean isEmpty() {
            return ops.isEmpty();
        }

        /** Registers or updates a node; {@code exists} says whether it is stored now (from the mirror). */
        public Batch putNode(NodeInfo node, boolean exists) {
            String path = ZkPaths.node(node.name());
            byte[] data = Json.bytes(node);
            if (exists) return add(() -> zk.transactionOp().setData().forPath(path, data));
            return add(() -> zk.transactionOp().create().forPath(path, data));
        }

        public Batch deleteStatus(String service, String id) {
            return add(() -> zk.transactionOp().delete().forPath(ZkPaths.status(service, id)));
        }

        public int size() {
            return ops.size();
        }

        /** Writes an instance's status; {@code exists} says whether one is stored now (from the mirror). */
        public Batch putStatus(InstanceStatus status, boolean exists) {
            String path = ZkPaths.status(status.service(), status.id());
            byte[] data = Json.bytes(status);
            if (exists) return add(() -> zk.transactionOp().setData().forPath(path, data));
            parents.add(ZkPaths.statusesOf(status.service()));
            return add(() -> zk.transactionOp().create().forPath(path, data));
        }

        public void commit() {
            if (ops.isEmpty()) return;
            for (String parent : parents) ensureFolder(parent);
            try {
                run("commit " + ops.size() + " changes", () -> zk.transaction().forOperations(ops));
                knownFolders.addAll(created);
            } catch (ConflictException e) {
                // Perhaps a folder this store thought existed was removed by another server.
                knownFolders.removeAll(parents);
                throw e;
            }
        }

        private Batch add(ZkCall op) {
            try {
                ops.add((CuratorOp) op.call());
            } catch (Exception e) {
                throw new StoreException("cannot prepare a ZooKeeper operation: " + e, e);
            }
            return this;
        }
    }

    /**
     * Creates a folder unless this store knows it exists. A create that fails because the node
     * exists still costs ZooKeeper a logged transaction, so existence is checked with a read and
     * remembered.
     */
    private void ensureFolder(String path) {
        if (knownFolders.contains(path)) return;
        run("create " + path, () -> {
            if (zk.checkExists().forPath(path) == null) {
                try {
                    zk.create().creatingParentsIfNeeded().forPath(path);
                } catch (KeeperException.NodeExistsException fine) {
                    // created meanwhile
                }
            }
            return null;
        });
        knownFolders.add(path);
    }

    // ---- plumbing

    private void put(String path, byte[] data) {
        run("write " + path, () -> {
            try {
                zk.setData().forPath(path, data);
            } catch (KeeperException.NoNodeException e) {
                try {
                    zk.create().creatingParentsIfNeeded().forPath(path, data);
                } catch (KeeperException.NodeExistsException raced) {
                    zk.setData().forPath(path, data);
                }
            }
            return null;
        });
    }

    private void deleteQuietly(String path) {
        run("delete " + path, () -> {
            try {
                zk.delete().forPath(path);
            } catch (KeeperException.NoNodeException | KeeperException.NotEmptyException ignored) {
                // already gone, or still holds children that their owner removes later
            }
            return null;
        });
    }

    private interface ZkCall {
        Object call() throws Exception;
    }

    private void run(String what, ZkCall call) {
        try {
            call.call();
        } catch (KeeperException.NodeExistsException | KeeperException.BadVersionException e) {
            throw new ConflictException(what + ": changed concurrently (" + e.code() + "); retry", e);
        } catch (KeeperException.NoNodeException e) {
            throw new ConflictException(what + ": it no longer exists", e);
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new StoreException("cannot " + what + " in ZooKeeper at " + connectString + ": " + e, e);
        }
    }

    @Override
    public void close() {
        if (cache != null) cache.close();
        zk.close();
    }
}
