package io.wolfpack.server.control;

import io.wolfpack.core.model.CanaryState;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.RolloutFailure;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.reconcile.CanaryJudge;
import io.wolfpack.core.reconcile.CanaryJudge.Traffic;
import io.wolfpack.core.reconcile.ServiceReconciler;
import io.wolfpack.core.route.RouteTableBuilder;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.server.cluster.TrafficStats;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Moves a service's canary along: starts it when a revision with {@code update.canary} begins to
 * roll out beside serving instances of an older one, judges it while it holds
 * ({@link CanaryJudge}, on router traffic since it started), and then promotes it (the rolling
 * update goes on) or fails it (back to the stable revision, the evidence on the record).
 * Decides only; the controller writes the record it returns.
 */
final class CanaryProgress {
    /** What to write and the event that explains it. */
    record Step(ServiceRecord record, String eventType, String message) {
    }

    private record Baseline(long revision, Traffic canary, Traffic stable) {
    }

    private final TrafficStats traffic;
    private final Map<String, Baseline> baselines = new HashMap<>();

    CanaryProgress(TrafficStats traffic) {
        this.traffic = traffic;
    }

    Optional<Step> next(ServiceRecord record, Collection<Instance> instances, Map<String, InstanceStatus> statuses,
                        Map<Long, ServiceSpec> kept, Instant now) {
        if (record == null || record.spec().update().canary() == null || record.spec().route() == null) return Optional.empty();
        CanaryState canary = record.canary() != null && record.canary().revision() == record.revision() ? record.canary() : null;
        if (canary == null) return start(record, instances, statuses);
        if (canary.phase() != CanaryState.Phase.HOLDING) return Optional.empty();
        return judge(record, canary, instances, statuses, kept, now);
    }

    private Optional<Step> start(ServiceRecord record, Collection<Instance> instances, Map<String, InstanceStatus> statuses) {
        Map<Long, Integer> serving = new HashMap<>();
        for (Instance i : instances) {
            InstanceStatus s = statuses.get(i.id());
            if (i.revision() != record.revision() && s != null && s.revision() == i.revision() && s.routable()) {
                serving.merge(i.revision(), 1, Integer::sum);
            }
        }
        if (serving.isEmpty()) return Optional.empty(); // a first deploy, or nothing serves: no one to compare with
        long stable = serving.entrySet().stream().max(Map.Entry.<Long, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())).orElseThrow().getKey();
        var split = record.spec().update().canary();
        CanaryState c = new CanaryState(record.revision(), stable, record.updatedAt(), CanaryState.Phase.HOLDING);
        return Optional.of(new Step(record.withCanary(c), "rollout.canary", "revision " + record.revision() + " gets "
                + split.weight() + "% of the traffic for " + split.hold() + ", compared with revision " + stable));
    }

    private Optional<Step> judge(ServiceRecord record, CanaryState canary, Collection<Instance> instances,
                                 Map<String, InstanceStatus> statuses, Map<Long, ServiceSpec> kept, Instant now) {
        String service = record.name();
        String canaryBackend = RouteTableBuilder.canaryBackend(service, canary.revision());
        String stableBackend = RouteTableBuilder.canaryBackend(service, canary.stable());
        Traffic canaryNow = traffic.total(service, canaryBackend);
        Traffic stableNow = traffic.total(service, stableBackend);
        Baseline base = baselines.get(service);
        if (base == null || base.revision() != canary.revision()) {
            base = new Baseline(canary.revision(), canaryNow, stableNow);
            baselines.put(service, base);
        }
        int wanted = ServiceReconciler.canaryInstances(record.spec().replicas(), record.spec().update());
        int serving = 0;
        for (Instance i : instances) {
            InstanceStatus s = statuses.get(i.id());
            if (i.revision() == canary.revision() && s != null && s.revision() == i.revision() && s.routable()) serving++;
        }
        var verdict = CanaryJudge.judge(TrafficStats.since(canaryNow, base.canary()), TrafficStats.since(stableNow, base.stable()),
                serving, wanted, Duration.between(canary.startedAt(), now), record.spec().update().canary().hold().toDuration());
        switch (verdict.outcome()) {
            case PASS:
                baselines.remove(service);
                return Optional.of(new Step(record.withCanary(canary.withPhase(CanaryState.Phase.PROMOTED)),
                        "rollout.canary-passed", "revision " + canary.revision() + " passed its canary: " + verdict.evidence()
                        + "; rolling on"));
            case FAIL:
                baselines.remove(service);
                ServiceSpec stableSpec = kept.get(canary.stable());
                if (stableSpec == null) return Optional.empty();
                String reason = "canary failed: " + verdict.evidence();
                ServiceRecord back = new ServiceRecord(stableSpec.withReplicas(record.spec().replicas()), canary.stable(),
                        record.createdAt(), now, new RolloutFailure(canary.revision(), now, reason), null);
                return Optional.of(new Step(back, "rollout.canary-failed", "revision " + canary.revision() + " " + reason
                        + "; back to revision " + canary.stable()));
            default:
                return Optional.empty();
        }
    }
}
