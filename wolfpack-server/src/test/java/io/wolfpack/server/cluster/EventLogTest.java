package io.wolfpack.server.cluster;

import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.EmbeddedZooKeeper;
import io.wolfpack.store.ZkPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trimming keeps the newest events, whole znodes at a time (a transaction's events share one), in a
 * few transactions, even when another trim got there first. Real ZooKeeper.
 */
class EventLogTest {
    @TempDir
    Path dir;
    private EmbeddedZooKeeper zk;
    private ClusterStore store;
    private EventLog events;

    @BeforeEach
    void start() throws Exception {
        zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
        store = new ClusterStore(zk.connectString());
        store.start(Duration.ofSeconds(30));
        events = new EventLog(store, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (store != null) store.close();
        if (zk != null) zk.close();
    }

    @Test
    void keepsTheNewestAndDeletesTheRestInFewTransactions() throws Exception {
        emit(1200, 1);
        await(() -> store.mirror().eventCount() == 1200);
        long newest = store.mirror().lastEventSeq();
        long before = store.groupCommitCounts()[0];

        events.trim(100);

        await(() -> store.mirror().eventCount() == 100);
        assertThat(store.groupCommitCounts()[0] - before).as("transactions for 1,100 deletes").isLessThanOrEqualTo(3);
        assertThat(store.mirror().lastEventSeq()).isEqualTo(newest);
        assertThat(store.mirror().eventsAfter(0, 1000).get(0).message()).isEqualTo("event 1100");
    }

    @Test
    void eventsWrittenTogetherGoTogetherAndAtLeastTheNewestKeepStay() throws Exception {
        emit(1000, 200);  // five znodes of 200
        await(() -> store.mirror().eventCount() == 1000);

        events.trim(250);

        await(() -> store.mirror().eventCount() == 400);
        assertThat(store.mirror().eventsAfter(0, 1000).get(0).message()).isEqualTo("event 600");
    }

    @Test
    void anEventDeletedMeanwhileDoesNotStopTheTrim() throws Exception {
        emit(30, 1);
        await(() -> store.mirror().eventCount() == 30);
        List<Long> oldest = store.mirror().oldestEventZnodes(1);
        store.curator().delete().forPath(ZkPaths.event(oldest.get(0)));  // but the mirror may not show it yet

        events.trim(10);

        await(() -> store.mirror().eventCount() == 10);
        assertThat(store.mirror().eventsAfter(0, 100).get(0).message()).isEqualTo("event 20");
    }

    /** {@code n} events, {@code together} per transaction (a transaction's events share a znode). */
    private void emit(int n, int together) {
        for (int from = 0; from < n; from += together) {
            if (together == 1) {
                events.emit(new io.wolfpack.core.model.Event(0, java.time.Instant.EPOCH, "test.event", "web", null, null, "event " + from));
                continue;
            }
            List<io.wolfpack.core.model.Event> chunk = new java.util.ArrayList<>();
            for (int i = from; i < Math.min(n, from + together); i++) {
                chunk.add(new io.wolfpack.core.model.Event(0, java.time.Instant.EPOCH, "test.event", "web", null, null, "event " + i));
            }
            events.emitAll(chunk);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 20 s").isLessThan(deadline);
            Thread.sleep(10);
        }
    }
}
