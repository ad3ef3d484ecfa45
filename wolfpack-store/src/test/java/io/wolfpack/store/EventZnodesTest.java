package io.wolfpack.store;

import io.wolfpack.core.model.Event;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The events of one transaction share a znode; each still has its own sequence number, in the
 * order written, and the log is trimmed a whole znode at a time. Real ZooKeeper.
 */
class EventZnodesTest extends RealZooKeeperTest {
    private static Event event(String message) {
        return new Event(0, Instant.parse("2026-11-30T12:00:00Z"), "test.event", "web", null, "n1", message);
    }

    @Test
    void eventsWrittenTogetherShareOneZnodeAndKeepTheirOrder() throws Exception {
        store.appendEvent(event("alone"));
        store.batch().event(event("a")).event(event("b")).event(event("c")).commit();
        store.appendEvent(event("after"));
        await(() -> store.mirror().eventCount() == 5);

        List<Event> all = store.mirror().eventsAfter(0, 100);
        assertThat(all).extracting(Event::message).containsExactly("alone", "a", "b", "c", "after");
        assertThat(all).extracting(Event::seq).isSorted().doesNotHaveDuplicates();
        assertThat(store.curator().getChildren().forPath(ZkPaths.EVENTS)).hasSize(3);
        assertThat(all.get(1).seq()).isEqualTo(all.get(2).seq() - 1);
        // a cursor in the middle of a znode continues right after it
        assertThat(store.mirror().eventsAfter(all.get(2).seq(), 100)).extracting(Event::message).containsExactly("c", "after");
        assertThat(store.mirror().lastEventSeq()).isEqualTo(all.get(4).seq());
    }

    @Test
    void aBatchWithMoreEventsThanAZnodeHoldsWritesSeveral() throws Exception {
        ClusterStore.Batch batch = store.batch();
        int n = ZkPaths.EVENTS_PER_ZNODE + 5;
        for (int i = 0; i < n; i++) batch.event(event("e" + i));
        assertThat(batch.size()).isEqualTo(2);
        batch.commit();
        await(() -> store.mirror().eventCount() == n);

        assertThat(store.curator().getChildren().forPath(ZkPaths.EVENTS)).hasSize(2);
        assertThat(store.mirror().eventsAfter(0, n)).extracting(Event::message).startsWith("e0", "e1").endsWith("e" + (n - 1));
    }

    @Test
    void theOldestWholeZnodesAreWhatATrimDeletes() throws Exception {
        store.batch().event(event("1")).event(event("2")).event(event("3")).commit();  // 3 events
        store.appendEvent(event("4"));                                                    // 1
        store.batch().event(event("5")).event(event("6")).commit();                      // 2
        await(() -> store.mirror().eventCount() == 6);
        ClusterMirror mirror = store.mirror();

        assertThat(mirror.oldestEventZnodes(2)).as("the first znode holds 3: none fits in 2").isEmpty();
        assertThat(mirror.oldestEventZnodes(3)).hasSize(1);
        assertThat(mirror.oldestEventZnodes(5)).hasSize(2);
        assertThat(mirror.oldestEventZnodes(6)).hasSize(3);

        for (long znode : mirror.oldestEventZnodes(4)) store.deleteEvents(znode);
        await(() -> mirror.eventCount() == 2);
        assertThat(mirror.eventsAfter(0, 10)).extracting(Event::message).containsExactly("5", "6");
    }
}
