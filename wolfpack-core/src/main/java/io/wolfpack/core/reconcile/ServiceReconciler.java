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
        return reconcile(record, instances, statuses, Disruptions.NONE);
    }

    public static ServiceDecision reconcile(ServiceRecord record, Collection<Instance> instances,
                                            Map<String, InstanceStatus> statuses, Set<String> evacuate) {
        return reconcile(record, instances, statuses, new Disruptions(evacuate, Set.of(), Set.of(), Set.of()));
    }

    public static ServiceDecision reconcile(ServiceRecord record, Collection<Instance> instances,
                                            Map<String, InstanceStatus> statuses, Set<String> evacuate,
                                            Set<String> lost) {
        return reconcile(record, instances, statuses, new Disruptions(evacuate, Set.of(), lost, Set.of()));
    }

    public static ServiceDecision reconcile(ServiceRecord record, Collection<Instance> instances,
                                            Map<String, InstanceStatus> statuses, Disruptions disruptions) {
        return reconcile(record, instances, statuses, disruptions, Set.of());
    }

    /**
     * @param warmingUp instances that pass their check but not yet for the spec's
     *                  {@code update.minReady}: they do not count as serving, so no old instance
     *                  goes on their account yet
     */
    public static ServiceDecision reconcile(ServiceRecord record, Collection<Instance> instances,
                                            Map<String, InstanceStatus> statuses, Disruptions disruptions,
                                            Set<String> warmingUp) {
        if (!warmingUp.isEmpty()) statuses = withoutWarmingUp(statuses, warmingUp);
        List<ServiceDecision.Removal> gone = new ArrayList<>();
        List<Instance> alive = new ArrayList<>();
        for (Instance i : instances) {
            if (disruptions.lost().contains(i.node())) gone.add(new ServiceDecision.Removal(i.id(), "node " + i.node() + " is down"));
            else alive.add(i);
        }
        ServiceDecision rest = reconcileAlive(record, alive, statuses, disruptions);
        if (gone.isEmpty()) return rest;
        List<ServiceDecision.Removal> all = new ArrayList<>(gone);
        all.addAll(rest.toRemove());
        return new ServiceDecision(rest.revision(), rest.toPlace(), all);
    }

    private static ServiceDecision reconcileAlive(ServiceRecord record, List<Instance> instances,
                                                  Map<String, InstanceStatus> statuses, Disruptions disruptions) {
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

        // Instances on a suspect node get no traffic: they count neither as serving nor as taking
        // a replica's place, so replacements are placed at once (not held to maxSurge: the
        // capacity is already gone).
        List<Instance> silent = new ArrayList<>();
        List<Instance> current = new ArrayList<>();
        List<Instance> old = new ArrayList<>();
        for (Instance i : instances) {
            if (disruptions.suspect().contains(i.node())) silent.add(i);
            else if (i.revision() == rev && !disruptions.draining().contains(i.node()) && !disruptions.replace().contains(i.id())) current.add(i);
            else old.add(i);
        }

        List<ServiceDecision.Removal> remove = new ArrayList<>();
        io.wolfpack.core.model.CanaryState canary = record.splittingCanary();
        if (canary != null && !old.isEmpty()) {
            // Canary: a few new instances beside every old one; the router splits by weight.
            int want = canaryInstances(replicas, update);
            current.sort(byRemovalPreference(statuses));
            while (current.size() > want) {
                Instance extra = current.remove(0);
                remove.add(new ServiceDecision.Removal(extra.id(), "more than the canary's " + want + " instances"));
            }
            removeSilentWhenReplaced(silent, countServing(current, statuses) + countServing(old, statuses), replicas, remove);
            return new ServiceDecision(rev, Math.max(0, want - current.size()), remove);
        }
        // Too many of the current revision (scaled down, or a suspect node came back): drop those
        // serving nothing first, then the newest.
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
                    remove.add(new ServiceDecision.Removal(i.id(), why(i, rev, disruptions)));
                } else if (serving - 1 >= mustKeepServing) {
                    remove.add(new ServiceDecision.Removal(i.id(), why(i, rev, disruptions)));
                    serving--;
                }
            }
        }
        removeSilentWhenReplaced(silent, countServing(current, statuses), replicas, remove);
        return new ServiceDecision(rev, Math.max(0, toPlace), remove);
    }

    /** The suspect node's instances go once enough others serve; until then they are the cheapest way back if the node was only slow. */
    private static void removeSilentWhenReplaced(List<Instance> silent, int servingElsewhere, int replicas,
                                                 List<ServiceDecision.Removal> remove) {
        if (silent.isEmpty() || servingElsewhere < replicas) return;
        silent.sort(Comparator.comparing(Instance::id));
        for (Instance i : silent) {
            remove.add(new ServiceDecision.Removal(i.id(), "replaced: node " + i.node() + " is suspect (no heartbeat)"));
        }
    }

    /** How many instances of the new revision a canary runs: its share of replicas, at least one. */
    public static int canaryInstances(int replicas, UpdateSpec update) {
        int weight = update.canary() == null ? 10 : update.canary().weight();
        return Math.max(1, (int) Math.round(replicas * weight / 100.0));
    }

    /** Statuses where instances still warming up read as not yet passing. */
    private static Map<String, InstanceStatus> withoutWarmingUp(Map<String, InstanceStatus> statuses, Set<String> warmingUp) {
        Map<String, InstanceStatus> out = new java.util.HashMap<>(statuses);
        for (String id : warmingUp) {
            InstanceStatus s = out.get(id);
            if (s != null && s.routable()) {
                out.put(id, new InstanceStatus(s.id(), s.service(), s.node(), s.revision(), s.state(),
                        io.wolfpack.core.model.Health.UNKNOWN, s.containerId(), s.restarts(), s.lastExitCode(), s.message(),
                        s.since(), s.nextRetryAt()));
            }
        }
        return out;
    }

    private static String why(Instance i, long rev, Disruptions disruptions) {
        if (disruptions.replace().contains(i.id())) return "replaced: kept failing on " + i.node();
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
