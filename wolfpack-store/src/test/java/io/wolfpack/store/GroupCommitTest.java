package io.wolfpack.store;

import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Instance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batches committed at once share ZooKeeper transactions, yet every caller returns only when its
 * own writes are stored, and one caller's conflict fails that caller alone. Real ZooKeeper.
 */
class GroupCommitTest extends RealZooKeeperTest {
    private static Instance instance(String service, int n) {
        return new Instance(service + "-" + n, service, 1, "node-1", Map.of(), Instant.EPOCH);
    }

    @Test
    void everyCallerSeesItsOwnWriteStoredWhenCommitReturns() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Boolean>> calls = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Instance inst = instance("web", i);
                calls.add(pool.submit(() -> {
                    store.batch().createInstance(inst).commit();
                    // Read straight from ZooKeeper, not the mirror: stored means stored.
                    return store.curator().checkExists().forPath(ZkPaths.instance("web", inst.id())) != null;
                }));
            }
            for (Future<Boolean> f : calls) assertThat(f.get()).isTrue();
        } finally {
            pool.shutdownNow();
        }
        long[] counts = store.groupCommitCounts();
        assertThat(counts[1]).isEqualTo(200);
        assertThat(counts[0]).isBetween(1L, 200L);
    }

    @Test
    void aConflictFailsOnlyTheBatchThatHasIt() throws Exception {
        store.batch().createInstance(instance("api", 0)).commit();
        // Many batches queued behind one slow-to-return caller are written together; one of them
        // creates what exists already.
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> good = new ArrayList<>();
            Future<?> bad = null;
            for (int i = 1; i <= 40; i++) {
                Instance inst = instance("api", i == 20 ? 0 : i);
                Callable<Void> call = () -> {
                    store.batch().createInstance(inst).event(new Event(0, Instant.EPOCH, "t", "api", inst.id(), null, "x")).commit();
                    return null;
                };
                if (i == 20) bad = pool.submit(call);
                else good.add(pool.submit(call));
            }
            for (Future<?> f : good) f.get();
            Future<?> conflicting = bad;
            assertThatThrownBy(conflicting::get).hasCauseInstanceOf(ConflictException.class);
        } finally {
            pool.shutdownNow();
        }
        for (int i = 1; i <= 40; i++) {
            if (i == 20) continue;
            assertThat(store.curator().checkExists().forPath(ZkPaths.instance("api", "api-" + i))).isNotNull();
        }
    }

    @Test
    void failedOperationIsNamedByTheTransactionResult() {
        store.batch().createInstance(instance("db", 0)).commit();
        try {
            store.curator().transaction().forOperations(List.of(
                    store.curator().transactionOp().create().forPath(ZkPaths.instancesOf("db") + "/fresh"),
                    store.curator().transactionOp().create().forPath(ZkPaths.instance("db", "db-0")),
                    store.curator().transactionOp().create().forPath(ZkPaths.instancesOf("db") + "/later")));
            throw new AssertionError("the transaction should have failed");
        } catch (Exception e) {
            assertThat(ClusterStore.failedOp(e)).isEqualTo(1);
        }
    }
}
