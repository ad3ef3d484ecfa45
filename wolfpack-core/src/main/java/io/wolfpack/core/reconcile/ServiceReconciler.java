package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.UpdateSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The server's pure diff for one service: desired record versus the instances placed and what
 * their agents report. It decides how many instances to place and which to remove; it never
 * talks to ZooKeeper or the scheduler.
 *
 * <p>A new revision replaces the old one as a rolling update: at most {@code replicas + maxSurge}
 * instances exist, and an old instance that serves traffic is removed only while at least
 * {@code replicas - maxUnavailable} others serve. Old instances that serve nothing go first.
 * Instances on a node being drained are replaced the same way: a replacement is placed elsewhere
 * and must serve before the drained instance stops.
 */
public final class ServiceReconciler {

    private ServiceReconciler() {
    }

    /**
     * @param record    the service, or null when it was removed (then every instance goes)
     * @param instances its placed instances
     * @param statuses  agent reports by instance ID (an instance may have none yet)
     */
    public static ServiceDecision reconcile(ServiceRecord record, Collection<Instance> instances,
                                            Map<String, InstanceStatus> statuses) {
        return reconcile(record, instances, statuses, Set.of());
    }

    public static ServiceDecision reconcile(ServiceRecord record, Collection<Instance> instances,
                                            Map<String, InstanceStatus> statuses, Set<String> evacuate) {
        return reconcile(record, instances, statuses, evacuate, Set.of());
    }

    /**
     * @param evacuate nodes being drained: their instances are replaced like those of an old revision
     * @param lost     nodes confirmed down: their instances are removed at once and replaced elsewhere
     *                 (if such a node comes back, its agent finds them unassigned and stops them)
     */
    public static ServiceDecision reconcile(ServiceRecord record, Collection<Instance> instances,
                                            Map<String, InstanceStatus> statuses, Set<String> evacuate,
                                            Set<String> lost) {
        if (!lost.isEmpty()) {
            List<ServiceDecision.Removal> gone = new ArrayList<>();
            List<Instance> alive = new ArrayList<>();
            for (Instance i : instances) {
                if (lost.contains(i.node())) gone.add(new ServiceDecision.Removal(i.id(), "node " + i.node() + " is down"));
                else alive.add(i);
            }
            if (!gone.isEmpty()) {
                ServiceDecision rest = reconcile(record, alive, statuses, evacuate, Set.of());
                List<ServiceDecision.Removal> all = new ArrayList<>(gone);
                all.addAll(rest.toRemove());
                return new ServiceDecision(rest.revision(), rest.toPlace(), all);
            }
        }
        if (record == null) {
            List<ServiceDecision.Removal> all = instances.stream()
                    .sorted(Comparator.comparing(Instance::id))
                    .map(i -> new ServiceDecision.Removal(i.id(), "service removed"))
                    .toList();
            return new ServiceDecision(0, 0, all);
        }
        long rev = record.revision();
        int replicas = record.spec().replicas();
        UpdateSpec update = record.spec().update();

        List<Instance> current = new ArrayList<>();
        List<Instance> old = new ArrayList<>();
        for (Instance i : instances) (i.revision() == rev && !evacuate.contains(i.node()) ? current : old).add(i);

        List<ServiceDecision.Removal> remove = new ArrayList<>();
        // Too many of the current revision (scaled down): drop those serving nothing first, then the newest.
        if (current.size() > replicas) {
            current.sort(byRemovalPreference(statuses));
            for (Instance i : current.subList(0, current.size() - replicas)) {
                remove.add(new ServiceDecision.Removal(i.id(), "scaled down to " + replicas));
            }
            current = new ArrayList<>(current.subList(current.size() - replicas, current.size()));
        }

        int toPlace;
        if (old.isEmpty()) {
            toPlace = replicas - current.size();
        } else {
            int total = current.size() + old.size();
            int surgeRoom = replicas + update.maxSurge() - total;
            toPlace = Math.max(0, Math.min(replicas - current.size(), surgeRoom));

            int serving = countServing(current, statuses) + countServing(old, statuses);
            int mustKeepServing = Math.max(0, replicas - update.maxUnavailable());
            old.sort(byRemovalPreference(statuses));
            for (Instance i : old) {
                // An old instance that serves nothing costs no capacity to remove; one that serves
                // goes only while enough others serve.
                if (!serves(i, statuses)) {
                    remove.add(new ServiceDecision.Removal(i.id(), why(i, rev, evacuate)));
                } else if (serving - 1 >= mustKeepServing) {
                    remove.add(new ServiceDecision.Removal(i.id(), why(i, rev, evacuate)));
                    serving--;
                }
            }
        }
        return new ServiceDecision(rev, Math.max(0, toPlace), remove);
    }

    private static String why(Instance i, long rev, Set<String> evacuate) {
        if (i.revision() != rev) return "replaced by revision " + rev;
        return "moved off " + i.node() + " (draining)";
    }

    private static int countServing(List<Instance> list, Map<String, InstanceStatus> statuses) {
        int n = 0;
        for (Instance i : list) if (serves(i, statuses)) n++;
        return n;
    }

    private static boolean serves(Instance i, Map<String, InstanceStatus> statuses) {
        InstanceStatus s = statuses.get(i.id());
        return s != null && s.revision() == i.revision() && s.routable();
    }

    /** Instances that serve nothing first, then the newest (they have proven the least). */
    private static Comparator<Instance> byRemovalPreference(Map<String, InstanceStatus> statuses) {
        return Comparator.<Instance>comparingInt(i -> serves(i, statuses) ? 1 : 0)
                .thenComparing(Instance::createdAt, Comparator.reverseOrder())
                .thenComparing(Instance::id);
    }
}
