package io.wolfpack.server.control;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.store.ClusterMirror;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The controller's own writes that the mirror does not show yet, per service. A service is synced
 * again only once the mirror shows its last writes (else it would place its instances twice); the
 * others need not wait for that, so one round's writes overlap the next round's work. Until they
 * show, placed instances still count in the scheduler's snapshot and removed ones no longer do,
 * so no host port or capacity is handed out twice. Used by the controller's one worker thread.
 */
final class UnseenWrites {
    private static final Logger log = LoggerFactory.getLogger(UnseenWrites.class);

    /**
     * What one sync of a service wrote: instances placed, removed and marked retiring; its record
     * if rewritten; its unplaced note if changed ({@code unplacedChanged}, null for none).
     */
    record Expected(List<Instance> placed, Set<String> gone, Set<String> retiring, ServiceRecord record,
                    boolean unplacedChanged, String unplaced, Instant at) {
        boolean isEmpty() {
            return placed.isEmpty() && gone.isEmpty() && retiring.isEmpty() && record == null && !unplacedChanged;
        }
    }

    private final Map<String, Expected> byService = new HashMap<>();
    private final Duration patience;

    /** @param patience how long to wait for the mirror before trusting it anyway (with a warning) */
    UnseenWrites(Duration patience) {
        this.patience = patience;
    }

    void wrote(String service, Expected expected) {
        if (expected.isEmpty()) byService.remove(service);
        else byService.put(service, expected);
    }

    /** Whether the mirror shows the service's last writes (then they are forgotten), or waited long enough. */
    boolean settled(String service, ClusterMirror mirror, Instant now) {
        Expected e = byService.get(service);
        if (e == null) return true;
        if (shown(service, e, mirror)) {
            byService.remove(service);
            return true;
        }
        if (Duration.between(e.at(), now).compareTo(patience) >= 0) {
            log.warn("the ZooKeeper cache did not show the writes for {} within {}s; going on with what it shows",
                    service, patience.toSeconds());
            byService.remove(service);
            return true;
        }
        return false;
    }

    /** Placed instances the mirror does not show yet (they hold ports and capacity already). */
    List<Instance> unseenPlaced(ClusterMirror mirror) {
        List<Instance> out = new ArrayList<>();
        byService.forEach((service, e) -> {
            for (Instance i : e.placed()) if (mirror.instance(service, i.id()) == null) out.add(i);
        });
        return out;
    }

    /** Ids of removed instances the mirror still shows (they hold nothing any more). */
    Set<String> unseenGone(ClusterMirror mirror) {
        Set<String> out = new HashSet<>();
        byService.forEach((service, e) -> {
            for (String id : e.gone()) if (mirror.instance(service, id) != null) out.add(id);
        });
        return out;
    }

    private static boolean shown(String service, Expected e, ClusterMirror mirror) {
        if (e.record() != null) {
            var v = mirror.service(service);
            if (v == null || !v.value().equals(e.record())) return false;
        }
        if (e.unplacedChanged() && !java.util.Objects.equals(mirror.unplaced(service), e.unplaced())) return false;
        for (Instance i : e.placed()) if (mirror.instance(service, i.id()) == null) return false;
        for (String id : e.gone()) if (mirror.instance(service, id) != null) return false;
        for (String id : e.retiring()) {
            Instance i = mirror.instance(service, id);
            if (i != null && !i.retiring()) return false;
        }
        return true;
    }
}
