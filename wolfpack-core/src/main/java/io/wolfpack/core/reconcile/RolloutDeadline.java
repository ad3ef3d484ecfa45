package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.RolloutFailure;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.ServiceSpec;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A rollout that has not finished within its spec's {@code update.progressDeadline} fails and is
 * rolled back. "Not finished" means instances of an earlier revision are still placed: with the
 * default {@code maxUnavailable: 0} they stay until new ones serve, so a new revision that never
 * passes its check (or cannot be placed) keeps the rollout open. The service goes back to the
 * revision most of those old instances run (kept instances of it stay; the new ones are replaced
 * the rolling way), and the record remembers the failure until the next deploy. A rollback is
 * never rolled back in turn onto the revision that just failed.
 */
public final class RolloutDeadline {
    private RolloutDeadline() {
    }

    /** The record to write instead of the current one, when the rollout failed; empty otherwise. */
    public static Optional<ServiceRecord> check(ServiceRecord record, Collection<Instance> instances,
                                                Map<String, InstanceStatus> statuses, Map<Long, ServiceSpec> kept, Instant now) {
        if (record == null) return Optional.empty();
        Instant deadline = record.updatedAt().plus(record.spec().update().progressDeadline().toDuration());
        if (now.isBefore(deadline)) return Optional.empty();
        Map<Long, Integer> oldRevisions = new HashMap<>();
        int current = 0;
        int serving = 0;
        String problem = null;
        for (Instance i : instances) {
            if (i.revision() != record.revision()) {
                oldRevisions.merge(i.revision(), 1, Integer::sum);
                continue;
            }
            current++;
            InstanceStatus s = statuses.get(i.id());
            if (s != null && s.revision() == i.revision() && s.routable()) serving++;
            else if (s != null && s.message() != null && problem == null) problem = i.id() + ": " + s.message();
        }
        Optional<Long> target = oldRevisions.entrySet().stream()
                .filter(e -> kept.containsKey(e.getKey()))
                .max(Map.Entry.<Long, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
        if (target.isEmpty()) return Optional.empty();
        if (record.failed() != null && record.failed().revision() == target.get()) return Optional.empty();
        String reason = "not finished within its progress deadline of " + record.spec().update().progressDeadline() + ": "
                + serving + " of " + record.spec().replicas() + " instances of revision " + record.revision() + " serving ("
                + current + " placed)" + (problem == null ? "" : "; " + problem);
        ServiceSpec back = kept.get(target.get()).withReplicas(record.spec().replicas());
        return Optional.of(new ServiceRecord(back, target.get(), record.createdAt(), now,
                new RolloutFailure(record.revision(), now, reason)));
    }
}
