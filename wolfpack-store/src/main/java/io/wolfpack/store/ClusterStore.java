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
import org.apache.zookeeper.OpResult;
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
    /** Writes (and the leader latch). */
    private final CuratorFramework zk;
    /**
     * The mirror's own session. ZooKeeper answers one session's requests in order, and the cache
     * reads every changed znode: in the writers' session, a commit would wait behind thousands of
     * those reads. The mirror still shows every write in order; writers wait on the mirror.
     */
    private final CuratorFramework watching;
    private final ClusterMirror mirror = new ClusterMirror();
    private final java.util.Set<String> knownFolders = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private CuratorCache cache;
    /** Concurrent batches share transactions: see {@link CommitQueue}. */
    private final CommitQueue<CuratorOp> commits;
    /** A path and the request framing of one operation, roughly. */
    private static final int OP_OVERHEAD_BYTES = 200;
    private static final int GROUP_MAX_OPS = 2_000;
    private static final long GROUP_MAX_BYTES = 512 * 1024;
    /** Measured on the 2-core VM: two in flight did no better than one (docs/BENCHMARKS.md). */
    private static final int COMMITTERS = 1;

    public ClusterStore(String connectString) {
        this.connectString = connectString;
        this.zk = session(connectString);
        this.watching = session(connectString);
        this.commits = new CommitQueue<>("zookeeper-commit", new CommitQueue.Writer<>() {
            @Override
            public void write(List<CuratorOp> ops) throws Exception {
                zk.transaction().forOperations(ops);
            }

            @Override
            public int failedOp(Exception failure) {
                return ClusterStore.failedOp(failure);
            }
        }, GROUP_MAX_OPS, GROUP_MAX_BYTES, COMMITTERS);
    }

    private static CuratorFramework session(String connectString) {
        return CuratorFrameworkFactory.builder()
                .connectString(connectString)
                .sessionTimeoutMs(15_000)
                .connectionTimeoutMs(5_000)
                .retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000))
                .build();
    }

    /** Connects, creates the folders, and fills the mirror before returning. */
    public void start(Duration connectTimeout) throws InterruptedException {
        for (CuratorFramework session : List.of(zk, watching)) {
            session.start();
            if (!session.blockUntilConnected((int) connectTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                zk.close();
                watching.close();
                throw new StoreException("cannot connect to ZooKeeper at " + connectString + " within "
                        + connectTimeout.toSeconds() + "s; is it running? (--zookeeper host:port,...)", null);
            }
        }
        for (String folder : ZkPaths.FOLDERS) {
            try {
                zk.create().orSetData().creatingParentsIfNeeded().forPath(folder);
            } catch (Exception e) {
                throw new StoreException("cannot create " + folder + " in ZooKeeper at " + connectString, e);
            }
        }
        CountDownLatch initialized = new CountDownLatch(1);
        cache = CuratorCache.build(watching, ZkPaths.ROOT);
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

    /** Transactions written and batches committed through them so far (see {@link CommitQueue}). */
    public long[] groupCommitCounts() {
        return commits.counts();
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

    /**
     * Removes the folders a removed service leaves behind (its kept revisions, its instances,
     * statuses and unplaced note), normally in one transaction. That transaction first creates and
     * deletes the service's record, so it fails, changing nothing, if the service was deployed
     * again meanwhile. When a folder is not yet empty (an agent has not yet reported an instance
     * gone), each is removed on its own where it can be, the rest left to their owners.
     */
    public void deleteServiceFolders(String service) {
        ZkPaths.serviceFolders(service).forEach(knownFolders::remove);
        Batch batch = batch();
        batch.add(null, () -> zk.transactionOp().create().forPath(ZkPaths.service(service)));
        batch.add(null, () -> zk.transactionOp().delete().forPath(ZkPaths.service(service)));
        for (String path : folderContents(service)) batch.add(null, () -> zk.transactionOp().delete().forPath(path));
        try {
            batch.commit();
            return;
        } catch (StoreException e) { // a conflict included
            if (mirror.service(service) != null) return; // deployed again: its folders are in use
            log.debug("removing {}'s folders one by one: {}", service, e.getMessage());
        }
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

    /** What {@link #deleteServiceFolders} removes in its one transaction, children before their folder, as the mirror shows it. */
    private List<String> folderContents(String service) {
        List<String> paths = new ArrayList<>();
        for (Long revision : mirror.revisions(service).keySet()) paths.add(ZkPaths.revision(service, revision));
        for (String folder : ZkPaths.serviceFolders(service)) {
            if (mirror.hasFolder(folder)) paths.add(folder);
        }
        if (mirror.unplaced(service) != null) paths.add(ZkPaths.unplaced(service));
        return paths;
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

    /** Appends an event; ZooKeeper's sequential node name gives its cluster-wide sequence number ({@link ZkPaths#eventSeq}). */
    public void appendEvent(Event event) {
        run("record event " + event.type(), () -> zk.create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                .forPath(ZkPaths.EVENT_PREFIX, Json.bytes(event.withSeq(0))));
    }

    /** Deletes one znode of the event log (with every event in it); see {@link ClusterMirror#oldestEventZnodes}. */
    public void deleteEvents(long znode) {
        deleteQuietly(ZkPaths.event(znode));
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
        /** Events to write, in one znode per {@link ZkPaths#EVENTS_PER_ZNODE}, when the batch commits. */
        private final List<Event> events = new ArrayList<>();
        private long bytes;

        private Batch() {
        }

        /** The events recorded so far as create operations, the last ones in the transaction. */
        private void addEventWrites() {
            for (int from = 0; from < events.size(); from += ZkPaths.EVENTS_PER_ZNODE) {
                List<Event> chunk = events.subList(from, Math.min(events.size(), from + ZkPaths.EVENTS_PER_ZNODE));
                byte[] data = chunk.size() == 1 ? Json.bytes(chunk.get(0)) : Json.bytes(chunk);
                add(data, () -> zk.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                        .forPath(ZkPaths.EVENT_PREFIX, data));
            }
            events.clear();
        }

        /** Rewrites a placed instance (to mark it retiring); it must exist. */
        public Batch updateInstance(Instance instance) {
            byte[] data = Json.bytes(instance);
            return add(data, () -> zk.transactionOp().setData()
                    .forPath(ZkPaths.instance(instance.service(), instance.id()), data));
        }

        public Batch createInstance(Instance instance) {
            parents.add(ZkPaths.instancesOf(instance.service()));
            byte[] data = Json.bytes(instance);
            return add(data, () -> zk.transactionOp().create().forPath(ZkPaths.instance(instance.service(), instance.id()), data));
        }

        /**
         * Creates a service's folder in this transaction unless the mirror shows it, so that later
         * batches writing under it need no extra round trip, and this one needs no read. Should the
         * mirror lag behind a folder created or removed a moment ago, the commit fails with a
         * {@link ConflictException}; {@link #folderChecked} asks ZooKeeper instead.
         */
        public Batch folder(String path) {
            if (knownFolders.contains(path) || mirror.hasFolder(path)) return this;
            created.add(path);
            return add(null, () -> zk.transactionOp().create().forPath(path));
        }

        /** Creates a folder in this transaction unless ZooKeeper has it (one read, the truth at this moment). */
        public Batch folderChecked(String path) {
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
            return add(null, () -> zk.transactionOp().create().forPath(path));
        }

        public Batch createService(ServiceRecord record) {
            byte[] data = Json.bytes(record);
            return add(data, () -> zk.transactionOp().create().forPath(ZkPaths.service(record.name()), data));
        }

        public Batch updateService(ServiceRecord record, int expectedVersion) {
            byte[] data = Json.bytes(record);
            return add(data, () -> zk.transactionOp().setData().withVersion(expectedVersion)
                    .forPath(ZkPaths.service(record.name()), data));
        }

        /** Keeps a new revision's spec; {@code exists} when that revision number is stored already (a re-created service). */
        public Batch putRevision(String service, long revision, io.wolfpack.core.spec.ServiceSpec spec, boolean exists) {
            return putRevision(service, revision, spec, exists, false);
        }

        /** The same; {@code checkFolder} asks ZooKeeper rather than the mirror whether the revisions folder exists. */
        public Batch putRevision(String service, long revision, io.wolfpack.core.spec.ServiceSpec spec, boolean exists,
                                 boolean checkFolder) {
            if (checkFolder) folderChecked(ZkPaths.revisionsOf(service));
            else folder(ZkPaths.revisionsOf(service));
            byte[] data = Json.bytes(spec);
            String path = ZkPaths.revision(service, revision);
            if (exists) return add(data, () -> zk.transactionOp().setData().forPath(path, data));
            return add(data, () -> zk.transactionOp().create().forPath(path, data));
        }

        /** Deletes one znode of the event log, with every event in it. */
        public Batch deleteEvents(long znode) {
            return add(null, () -> zk.transactionOp().delete().forPath(ZkPaths.event(znode)));
        }

        public Batch deleteInstance(String service, String id) {
            return add(null, () -> zk.transactionOp().delete().forPath(ZkPaths.instance(service, id)));
        }

        /**
         * Records an event with this transaction. A batch's events share one znode (written when
         * it commits): a third of all znodes were events, one per instance started.
         */
        public Batch event(Event event) {
            events.add(event.withSeq(0));
            return this;
        }

        /** Sets, replaces or (with null) clears the unplaced note; {@code exists} says whether one is stored now. */
        public Batch unplaced(String service, String explanation, boolean exists) {
            String path = ZkPaths.unplaced(service);
            if (explanation == null) return exists ? add(null, () -> zk.transactionOp().delete().forPath(path)) : this;
            byte[] data = explanation.getBytes(StandardCharsets.UTF_8);
            if (exists) return add(data, () -> zk.transactionOp().setData().forPath(path, data));
            return add(data, () -> zk.transactionOp().create().forPath(path, data));
        }

        public boolean isEmpty() {
            return ops.isEmpty() && events.isEmpty();
        }

        /** Registers or updates a node; {@code exists} says whether it is stored now (from the mirror). */
        public Batch putNode(NodeInfo node, boolean exists) {
            String path = ZkPaths.node(node.name());
            byte[] data = Json.bytes(node);
            if (exists) return add(data, () -> zk.transactionOp().setData().forPath(path, data));
            return add(data, () -> zk.transactionOp().create().forPath(path, data));
        }

        public Batch deleteStatus(String service, String id) {
            return add(null, () -> zk.transactionOp().delete().forPath(ZkPaths.status(service, id)));
        }

        /** Operations so far, counting the events' znodes. */
        public int size() {
            return ops.size() + (events.size() + ZkPaths.EVENTS_PER_ZNODE - 1) / ZkPaths.EVENTS_PER_ZNODE;
        }

        /** Writes an instance's status; {@code exists} says whether one is stored now (from the mirror). */
        public Batch putStatus(InstanceStatus status, boolean exists) {
            String path = ZkPaths.status(status.service(), status.id());
            byte[] data = Json.bytes(status);
            if (exists) return add(data, () -> zk.transactionOp().setData().forPath(path, data));
            parents.add(ZkPaths.statusesOf(status.service()));
            return add(data, () -> zk.transactionOp().create().forPath(path, data));
        }

        public void commit() {
            addEventWrites();
            if (ops.isEmpty()) return;
            for (String parent : parents) ensureFolder(parent);
            try {
                run("commit " + ops.size() + " changes", () -> {
                    commits.commit(ops, bytes);
                    return null;
                });
                knownFolders.addAll(created);
            } catch (ConflictException e) {
                // Perhaps a folder this store thought existed was removed by another server.
                knownFolders.removeAll(parents);
                throw e;
            }
        }

        /**
         * Commits without holding the caller's thread while the transaction is in flight (missing
         * folders are still created first, synchronously). The future fails with a
         * {@link ConflictException} or {@link StoreException} as {@link #commit} would throw; it
         * completes on a committer thread, where nothing may block.
         */
        public java.util.concurrent.CompletableFuture<Void> commitAsync() {
            addEventWrites();
            if (ops.isEmpty()) return java.util.concurrent.CompletableFuture.completedFuture(null);
            for (String parent : parents) ensureFolder(parent);
            String what = "commit " + ops.size() + " changes";
            return commits.submit(ops, bytes).handle((ok, failure) -> {
                if (failure == null) {
                    knownFolders.addAll(created);
                    return null;
                }
                Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                RuntimeException mapped = translate(what, cause);
                if (mapped instanceof ConflictException) knownFolders.removeAll(parents);
                throw mapped;
            });
        }

        /** @param data what the operation writes (null for none): counted against the size of a grouped transaction */
        private Batch add(byte[] data, ZkCall op) {
            try {
                ops.add((CuratorOp) op.call());
                bytes += OP_OVERHEAD_BYTES + (data == null ? 0 : data.length);
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
        if (mirror.hasFolder(path)) {
            knownFolders.add(path);
            return;
        }
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

    /**
     * Which operation of a failed multi failed: ZooKeeper answers OK for those before it, the
     * error for it, and RUNTIMEINCONSISTENCY for those after.
     */
    static int failedOp(Exception failure) {
        if (!(failure instanceof KeeperException ke) || ke.getResults() == null) return -1;
        List<OpResult> results = ke.getResults();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i) instanceof OpResult.ErrorResult err) {
                int code = err.getErr();
                if (code != KeeperException.Code.OK.intValue() && code != KeeperException.Code.RUNTIMEINCONSISTENCY.intValue()) {
                    return i;
                }
            }
        }
        return -1;
    }

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
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw translate(what, e);
        }
    }

    private RuntimeException translate(String what, Throwable e) {
        if (e instanceof KeeperException.NodeExistsException || e instanceof KeeperException.BadVersionException) {
            return new ConflictException(what + ": changed concurrently (" + ((KeeperException) e).code() + "); retry", e);
        }
        if (e instanceof KeeperException.NoNodeException) return new ConflictException(what + ": it no longer exists", e);
        return new StoreException("cannot " + what + " in ZooKeeper at " + connectString + ": " + e, e);
    }

    @Override
    public void close() {
        commits.close();
        if (cache != null) cache.close();
        watching.close();
        zk.close();
    }
}
