package io.wolfpack.server.cluster;

import io.wolfpack.core.model.Event;
import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.StoreException;
import io.wolfpack.server.feed.LongPollFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The cluster's event log in ZooKeeper: appended by whoever sees something happen, read from the
 * mirror, trimmed to the newest {@link #KEEP} by the leader. Every event is also one log line.
 */
public final class EventLog {
    private static final Logger log = LoggerFactory.getLogger(EventLog.class);
    public static final int KEEP = 10_000;
    /** Event znodes deleted per transaction when trimming: well under the 2,000 operations a grouped transaction holds. */
    private static final int TRIM_PER_COMMIT = 500;

    private final ClusterStore store;
    private final Clock clock;
    private final LongPollFeed<Long> lastSeq = new LongPollFeed<>(0L);

    public EventLog(ClusterStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        store.mirror().addListener(key -> {
            if (key instanceof io.wolfpack.store.ZkPaths.EventKey) lastSeq.publish(store.mirror().lastEventSeq());
        });
    }

    public LongPollFeed<Long> changes() {
        return lastSeq;
    }

    public void emit(String type, String service, String instance, String node, String message) {
        emit(new Event(0, clock.instant(), type, service, instance, node, message));
    }

    /**
     * An event for the caller to write in its own batch, logged now. Used where the event must be
     * recorded together with the change it describes.
     */
    public Event event(String type, String service, String instance, String node, String message) {
        Event e = new Event(0, clock.instant(), type, service, instance, node, message);
        log(e);
        return e;
    }

    /** Logs an event the caller writes in its own batch. */
    public Event event(Event e) {
        log(e);
        return e;
    }

    private static void log(Event e) {
        log.info("event {} service={} instance={} node={}: {}", e.type(), e.service(), e.instance(), e.node(), e.message());
    }

    /** Records the event; a failure to record is logged, never thrown at the caller's real work. */
    public void emit(Event e) {
        log(e);
        try {
            store.appendEvent(e);
        } catch (StoreException ex) {
            log.warn("could not record event {}: {}", e.type(), ex.getMessage());
        }
    }

    /** Records events already logged ({@link #event}) in one transaction, one znode; a failure is logged, never thrown. */
    public void emitAll(List<Event> happened) {
        if (happened.isEmpty()) return;
        ClusterStore.Batch batch = store.batch();
        happened.forEach(batch::event);
        try {
            batch.commit();
        } catch (StoreException ex) {
            log.warn("could not record {} events: {}", happened.size(), ex.getMessage());
        }
    }

    /**
     * Deletes the oldest events beyond {@link #KEEP}, a few hundred per transaction (one by one,
     * each its own fsync, a busy minute's 10,000 events held other writers up for seconds).
     */
    public void trim() {
        trim(KEEP);
    }

    /**
     * Deletes the oldest events beyond the newest {@code keep}, whole znodes at a time (events
     * written together share one), so up to {@link io.wolfpack.store.ZkPaths#EVENTS_PER_ZNODE} - 1
     * more may stay.
     */
    public void trim(int keep) {
        int excess = store.mirror().eventCount() - keep;
        if (excess <= 0) return;
        List<Long> oldest = store.mirror().oldestEventZnodes(excess);
        for (int from = 0; from < oldest.size(); from += TRIM_PER_COMMIT) {
            List<Long> chunk = oldest.subList(from, Math.min(oldest.size(), from + TRIM_PER_COMMIT));
            ClusterStore.Batch batch = store.batch();
            chunk.forEach(batch::deleteEvents);
            try {
                batch.commit();
            } catch (StoreException e) {
                // One was gone already (a trim by the last leader): the rest one by one.
                chunk.forEach(store::deleteEvents);
            }
        }
    }
}
