package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.ContainerState;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.agent.health.HealthObservation;
import io.wolfpack.agent.health.HealthTracker;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The host's desired state (assignments) against what Docker shows, as a pure function: which
 * containers to pull, create, start or remove, and what to report. Rules:
 * <ul>
 *   <li>Nothing is done before the first assignment set arrived (an agent that just started must
 *       not remove what it has not been told about).</li>
 *   <li>A running container with the right instance and revision is kept as is: that is how a
 *       restarted agent adopts its containers.</li>
 *   <li>A container that exited is started again after a capped exponential backoff; a container
 *       that ran for {@code resetAfter} (with a check: passed it that long) clears the streak.</li>
 *   <li>A running container that failed its check long enough ({@link HealthRestartPolicy}) is
 *       removed and, after the same backoff, replaced by a new one; that counts as a restart.</li>
 *   <li>A missing container is created at once unless the instance is already backing off; a
 *       failed pull, create or start backs off the same way, so nothing loops tightly.</li>
 *   <li>Managed containers of this node whose instance is not assigned, whose revision differs,
 *       or that duplicate another container of the instance are removed. Containers without the
 *       wolfpack.managed label, or of another node, are never touched.</li>
 * </ul>
 */
public final class HostReconciler {
    private final ReconcileConfig config;

    public HostReconciler(ReconcileConfig config) {
        this.config = config;
    }

    public ReconcileResult reconcile(HostSnapshot snap) {
        if (!snap.assignmentsReceived()) return new ReconcileResult(List.of(), snap.local(), List.of());

        Map<String, List<ContainerInfo>> byInstance = new TreeMap<>();
        for (ContainerInfo c : snap.containers()) {
            if (!WolfpackLabels.managed(c) || !snap.node().equals(c.label(WolfpackLabels.NODE))) continue;
            String instance = c.label(WolfpackLabels.INSTANCE);
            if (instance == null) continue;
            byInstance.computeIfAbsent(instance, k -> new ArrayList<>()).add(c);
        }
        Map<String, Assignment> assigned = new TreeMap<>();
        for (Assignment a : snap.assignments()) assigned.put(a.instance().id(), a);

        Plan plan = new Plan();
        for (var e : byInstance.entrySet()) {
            if (assigned.containsKey(e.getKey())) continue;
            for (ContainerInfo c : e.getValue()) {
                plan.removes.add(new HostAction.Remove(e.getKey(), c.id(), "instance " + e.getKey() + " is no longer assigned to this node"));
            }
            plan.statuses.put(e.getKey(), stopping(e.getKey(), e.getValue().get(0), snap));
        }
        for (Assignment a : assigned.values()) {
            reconcileInstance(a, byInstance.getOrDefault(a.instance().id(), List.of()), snap, plan);
        }
        List<HostAction> actions = new ArrayList<>();
        actions.addAll(plan.removes);
        actions.addAll(plan.pulls);
        actions.addAll(plan.creates);
        actions.addAll(plan.starts);
        actions.addAll(plan.holds);
        return new ReconcileResult(actions, plan.local, new ArrayList<>(plan.statuses.values()));
    }

    private void reconcileInstance(Assignment a, List<ContainerInfo> containers, HostSnapshot snap, Plan plan) {
        String id = a.instance().id();
        String revision = Long.toString(a.instance().revision());
        Instant now = snap.now();
        List<ContainerInfo> right = new ArrayList<>();
        boolean oldRevisionPresent = false;
        for (ContainerInfo c : containers) {
            if (revision.equals(c.label(WolfpackLabels.REVISION))) {
                right.add(c);
            } else {
                oldRevisionPresent = true;
                plan.removes.add(new HostAction.Remove(id, c.id(), "revision " + c.label(WolfpackLabels.REVISION)
                        + " of instance " + id + " is replaced by revision " + revision));
            }
        }
        right.sort(PREFERRED);
        ContainerInfo keep = right.isEmpty() ? null : right.get(0);
        for (ContainerInfo dup : right.subList(Math.min(1, right.size()), right.size())) {
            plan.removes.add(new HostAction.Remove(id, dup.id(), "duplicate container of instance " + id
                    + " (keeping " + keep.shortId() + ")"));
        }

        LocalInstanceState l = snap.local().getOrDefault(id, LocalInstanceState.FRESH);
        if (l.replacing() != null && (keep == null ? oldRevisionPresent : !l.isReplacing(keep.id()))) {
            l = l.withoutReplacing();  // the container went another way: its successor is no restart
        }
        InstanceState state;
        Instant changedAt = now;
        String message = null;
        if (keep == null) {
            l = l.withContainer(null);
            if (oldRevisionPresent) {
                state = InstanceState.PENDING;
                message = "waiting for the container of the previous revision to be removed";
            } else if (l.inBackoff(now)) {
                state = InstanceState.BACKOFF;
                plan.holds.add(new HostAction.Hold(id, l.backoffUntil(), l.message()));
            } else if (!snap.presentImages().contains(a.spec().image())) {
                state = InstanceState.PULLING;
                plan.pulls.add(new HostAction.Pull(a.instance(), a.spec().image()));
            } else {
                state = InstanceState.STARTING;
                l = l.creating();
                plan.creates.add(new HostAction.Create(a));
            }
        } else if (l.isReplacing(keep.id())) {
            // still being stopped and removed for failing its check; the removal is repeated until done
            l = l.withContainer(keep.id());
            state = InstanceState.BACKOFF;
            plan.removes.add(unhealthyRemoval(id, keep, l));
        } else if (keep.state() == ContainerState.RUNNING) {
            l = l.withContainer(keep.id());
            HealthTracker verdict = verdictOn(keep, snap.health().get(id));
            var restart = config.healthRestart().decide(a.spec().health(), verdict, keep.startedAt(), now);
            if (restart.isPresent()) {
                l = l.unhealthy(keep.id(), restart.get(), now, config.backoff());
                state = InstanceState.BACKOFF;
                plan.removes.add(unhealthyRemoval(id, keep, l));
            } else {
                Instant healthySince = a.spec().health() == null ? keep.startedAt()
                        : verdict == null ? null : verdict.passingSince();
                if (healthySince != null && !Duration.between(healthySince, now).minus(config.resetAfter()).isNegative()) {
                    l = l.withFailures(0);
                }
                state = InstanceState.RUNNING;
                message = l.restartReason();
                if (keep.startedAt() != null && !keep.startedAt().isAfter(now)) changedAt = keep.startedAt();
            }
        } else {
            l = l.withContainer(keep.id());
            boolean exited = keep.state() == ContainerState.EXITED;
            if (exited && keep.finishedAt() != null && !keep.finishedAt().equals(l.countedExit())) {
                int code = keep.exitCode() == null ? -1 : keep.exitCode();
                if (l.inBackoff(now)) {
                    // the exit of a start that already failed and was counted
                    l = l.withCountedExit(keep.finishedAt(), code);
                } else {
                    boolean ranLong = keep.startedAt() != null
                            && !Duration.between(keep.startedAt(), keep.finishedAt()).minus(config.resetAfter()).isNegative();
                    l = l.exited(code, keep.finishedAt(), ranLong, now, config.backoff());
                }
            }
            if (l.inBackoff(now)) {
                state = InstanceState.BACKOFF;
                plan.holds.add(new HostAction.Hold(id, l.backoffUntil(), l.message()));
            } else {
                state = InstanceState.STARTING;
                l = l.restarting(exited);
                plan.starts.add(new HostAction.Start(id, keep.id()));
            }
        }
        l = l.inState(state, changedAt);
        plan.local.put(id, l);
        if (state == InstanceState.BACKOFF) message = l.message();
        Health health = a.spec().health() == null ? Health.NONE : Health.UNKNOWN;
        plan.statuses.put(id, new InstanceStatus(id, a.instance().service(), snap.node(), a.instance().revision(), state,
                health, l.containerId(), l.restarts(), l.lastExitCode(), message, l.since(),
                state == InstanceState.BACKOFF ? l.backoffUntil() : null));
    }

    /** The verdict on the container run {@code keep}, or null when there is none yet (or it is of an earlier run). */
    private static HealthTracker verdictOn(ContainerInfo keep, HealthObservation obs) {
        return obs != null && obs.isOf(keep.id(), keep.startedAt()) ? obs.tracker() : null;
    }

    private static HostAction.Remove unhealthyRemoval(String id, ContainerInfo c, LocalInstanceState l) {
        return new HostAction.Remove(id, c.id(), "instance " + id + " is unhealthy: " + l.message());
    }

    private static InstanceStatus stopping(String id, ContainerInfo c, HostSnapshot snap) {
        long revision;
        try {
            revision = Long.parseLong(c.label(WolfpackLabels.REVISION));
        } catch (NumberFormatException e) {
            revision = 0;
        }
        return new InstanceStatus(id, c.label(WolfpackLabels.SERVICE), snap.node(), revision, InstanceState.STOPPING,
                Health.UNKNOWN, c.id(), 0, c.exitCode(), "no longer assigned to this node; removing", snap.now(), null);
    }

    /** Which of several containers of one instance to keep: a running one, then the newest. */
    private static final Comparator<ContainerInfo> PREFERRED = Comparator
            .comparing((ContainerInfo c) -> c.state() == ContainerState.RUNNING ? 0 : 1)
            .thenComparing(c -> c.startedAt() == null ? Instant.MIN : c.startedAt(), Comparator.reverseOrder())
            .thenComparing(ContainerInfo::id);

    /** Actions collected by kind so they come out in a safe order. */
    private static final class Plan {
        final List<HostAction> removes = new ArrayList<>();
        final List<HostAction> pulls = new ArrayList<>();
        final List<HostAction> creates = new ArrayList<>();
        final List<HostAction> starts = new ArrayList<>();
        final List<HostAction> holds = new ArrayList<>();
        final Map<String, LocalInstanceState> local = new HashMap<>();
        final Map<String, InstanceStatus> statuses = new TreeMap<>();
    }
}
