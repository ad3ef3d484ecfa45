package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.health.CheckResult;
import io.wolfpack.agent.health.HealthObservation;
import io.wolfpack.agent.health.HealthTracker;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.wolfpack.agent.reconcile.Fixtures.T0;
import static io.wolfpack.agent.reconcile.Fixtures.exited;
import static io.wolfpack.agent.reconcile.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

/** The reconciler restarting containers that stay unhealthy (check every 1s, unhealthyAfter 2). */
class HostReconcilerHealthRestartTest {
    private static final String BAD = "GET http://127.0.0.1:20000/healthz returned 500";
    private final HostReconciler reconciler = new HostReconciler(ReconcileConfig.DEFAULT);
    private final Assignment a = new Assignment(Fixtures.assignment("web-1", 1).instance(), Fixtures.spec(Fixtures.httpHealth()));

    /** {@code passes} passing checks then {@code failures} failing ones, one a second from {@code first}. */
    private static HealthObservation verdict(ContainerInfo c, Instant first, int passes, int failures) {
        HealthTracker t = HealthTracker.INITIAL;
        Instant at = first;
        for (int i = 0; i < passes; i++, at = at.plusSeconds(1)) t = t.next(CheckResult.pass("200"), 1, 2, at);
        for (int i = 0; i < failures; i++, at = at.plusSeconds(1)) t = t.next(CheckResult.fail(BAD), 1, 2, at);
        return new HealthObservation("web-1", c.id(), c.startedAt(), t);
    }

    private ReconcileResult pass(List<ContainerInfo> containers, Map<String, LocalInstanceState> local, Instant now,
                                 HealthObservation... verdicts) {
        Map<String, HealthObservation> health = new java.util.HashMap<>();
        for (HealthObservation o : verdicts) health.put(o.instanceId(), o);
        return reconciler.reconcile(new HostSnapshot(Fixtures.NODE, true, List.of(a), containers,
                java.util.Set.of(Fixtures.IMAGE), local, now, health));
    }

    private static InstanceStatus status(ReconcileResult r) {
        return r.statuses().get(0);
    }

    @Test
    void aContainerThatStaysUnhealthyIsRemovedAndReplacedAfterTheBackoffCountingARestart() {
        ContainerInfo c1 = running("c1", "web-1", 1, T0);
        Instant firstFailure = T0.plusSeconds(10);
        // failing since 10s, 6 failures: out of the routes at 11s, due for a restart at 15s
        Instant now = T0.plusSeconds(16);
        var decided = pass(List.of(c1), Map.of(), now, verdict(c1, T0.plusSeconds(5), 5, 6));
        assertThat(decided.actions()).singleElement().isInstanceOfSatisfying(HostAction.Remove.class, rm -> {
            assertThat(rm.containerId()).isEqualTo("c1");
            assertThat(rm.reason()).contains("unhealthy").contains(BAD);
        });
        InstanceStatus s = status(decided);
        assertThat(s.state()).isEqualTo(InstanceState.BACKOFF);
        assertThat(s.message()).isEqualTo("failed its health check for 6s: " + BAD + "; restarting in 1s");
        assertThat(s.nextRetryAt()).isEqualTo(now.plusSeconds(1));
        assertThat(s.restarts()).isZero();
        assertThat(firstFailure.plusSeconds(6)).isEqualTo(now);

        // still stopping (grace period): removed again, nothing counted twice, the verdict no longer matters
        var stopping = pass(List.of(c1), decided.local(), now.plusMillis(500), verdict(c1, T0.plusSeconds(5), 5, 7));
        assertThat(stopping.actions()).singleElement().isInstanceOf(HostAction.Remove.class);
        assertThat(status(stopping).nextRetryAt()).isEqualTo(now.plusSeconds(1));
        assertThat(stopping.local().get("web-1").failures()).isEqualTo(1);

        // a removal that stopped it but failed to remove it is not an exit to count
        var stoppedNotRemoved = pass(List.of(exited("c1", "web-1", 1, T0, now.plusMillis(600), 143)), stopping.local(), now.plusMillis(700));
        assertThat(stoppedNotRemoved.actions()).singleElement().isInstanceOf(HostAction.Remove.class);
        assertThat(status(stoppedNotRemoved).message()).startsWith("failed its health check");

        var gone = pass(List.of(), stoppedNotRemoved.local(), now.plusMillis(800));
        assertThat(gone.actions()).singleElement().isInstanceOf(HostAction.Hold.class);
        assertThat(status(gone).state()).isEqualTo(InstanceState.BACKOFF);

        var created = pass(List.of(), gone.local(), now.plusSeconds(1));
        assertThat(created.actions()).containsExactly(new HostAction.Create(a));
        assertThat(status(created).restarts()).isEqualTo(1);
        assertThat(status(created).state()).isEqualTo(InstanceState.STARTING);

        // the new container runs; the old container's verdict is not its own
        ContainerInfo c2 = running("c2", "web-1", 1, now.plusSeconds(2));
        var fresh = pass(List.of(c2), created.local(), now.plusSeconds(30), verdict(c1, T0.plusSeconds(5), 5, 30));
        assertThat(fresh.actions()).isEmpty();
        InstanceStatus r = status(fresh);
        assertThat(r.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(r.health()).isEqualTo(Health.UNKNOWN);
        assertThat(r.restarts()).isEqualTo(1);
        assertThat(r.containerId()).isEqualTo("c2");
        assertThat(r.message()).isEqualTo("restarted after failing its health check for 6s: " + BAD);
    }

    @Test
    void successiveHealthRestartsBackOffLongerUntilTheInstanceWasHealthyForAMinute() {
        Map<String, LocalInstanceState> local = Map.of();
        Instant now = T0;
        List<String> waits = new java.util.ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            ContainerInfo c = running("c" + round, "web-1", 1, now);
            // passes for 3s, then fails for 6s
            Instant due = now.plusSeconds(3 + 6);
            var decided = pass(List.of(c), local, due, verdict(c, now, 3, 7));
            waits.add(status(decided).message().replaceAll(".*restarting in ", ""));
            var created = pass(List.of(), decided.local(), status(decided).nextRetryAt());
            assertThat(status(created).restarts()).isEqualTo(round);
            local = created.local();
            now = status(decided).nextRetryAt().plusSeconds(1);
        }
        assertThat(waits).containsExactly("1s", "2s", "4s", "8s");

        // running 61s but failing all along does not end the streak; passing for 60s does
        ContainerInfo c = running("c9", "web-1", 1, now);
        var stillFailing = pass(List.of(c), local, now.plusSeconds(61), verdict(c, now, 0, 2));
        assertThat(stillFailing.local().get("web-1").failures()).isEqualTo(4);
        var healthy = pass(List.of(c), stillFailing.local(), now.plusSeconds(122), verdict(c, now.plusSeconds(61), 61, 0));
        assertThat(healthy.local().get("web-1").failures()).isZero();
        assertThat(status(healthy).message()).isNull();

        var nextTrouble = pass(List.of(c), healthy.local(), now.plusSeconds(200), verdict(c, now.plusSeconds(150), 40, 10));
        assertThat(status(nextTrouble).message()).endsWith("restarting in 1s");
    }

    @Test
    void aVerdictOnAnEarlierRunOfTheSameContainerIsIgnored() {
        ContainerInfo before = running("c1", "web-1", 1, T0);
        HealthObservation old = verdict(before, T0, 1, 20);
        ContainerInfo restarted = running("c1", "web-1", 1, T0.plusSeconds(25));  // docker start after a crash
        var r = pass(List.of(restarted), Map.of(), T0.plusSeconds(26), old);
        assertThat(r.actions()).isEmpty();
        assertThat(status(r).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void aSlowStarterIsNotRestartedWithinTheStartGrace() {
        ContainerInfo c = running("c1", "web-1", 1, T0);
        var starting = pass(List.of(c), Map.of(), T0.plusSeconds(34), verdict(c, T0, 0, 34));
        assertThat(starting.actions()).isEmpty();
        assertThat(status(starting).state()).isEqualTo(InstanceState.RUNNING);

        var judged = pass(List.of(c), Map.of(), T0.plusSeconds(35), verdict(c, T0, 0, 35));
        assertThat(judged.actions()).singleElement().isInstanceOf(HostAction.Remove.class);
        assertThat(status(judged).message()).startsWith("never passed its health check in 35s: " + BAD);
    }

    @Test
    void aNewRevisionDuringAHealthRestartIsNoRestart() {
        ContainerInfo c1 = running("c1", "web-1", 1, T0);
        var decided = pass(List.of(c1), Map.of(), T0.plusSeconds(20), verdict(c1, T0, 3, 10));
        assertThat(decided.local().get("web-1").replacing()).isEqualTo("c1");

        Assignment rev2 = new Assignment(Fixtures.assignment("web-1", 2).instance(), a.spec());
        var r = reconciler.reconcile(new HostSnapshot(Fixtures.NODE, true, List.of(rev2), List.of(c1),
                java.util.Set.of(Fixtures.IMAGE), decided.local(), T0.plusSeconds(21)));
        assertThat(status(r).state()).isEqualTo(InstanceState.PENDING);
        assertThat(r.local().get("web-1").replacing()).isNull();
        var created = reconciler.reconcile(new HostSnapshot(Fixtures.NODE, true, List.of(rev2), List.of(),
                java.util.Set.of(Fixtures.IMAGE), r.local(), T0.plusSeconds(30)));
        assertThat(created.actions()).containsExactly(new HostAction.Create(rev2));
        assertThat(status(created).restarts()).isZero();
    }

    @Test
    void anInstanceWithoutACheckIsNeverRestartedForHealth() {
        Assignment plain = Fixtures.assignment("web-1", 1);
        ContainerInfo c = running("c1", "web-1", 1, T0);
        var r = reconciler.reconcile(new HostSnapshot(Fixtures.NODE, true, List.of(plain), List.of(c),
                java.util.Set.of(Fixtures.IMAGE), Map.of(), T0.plusSeconds(600), Map.of("web-1", verdict(c, T0, 0, 100))));
        assertThat(r.actions()).isEmpty();
    }

    /** The running container is removed exactly when the policy calls for a restart (or one is under way), never else. */
    @Property
    void removesARunningContainerOnlyWhenThePolicySaysSo(@ForAll @Size(max = 50) List<Boolean> results,
                                                         @ForAll @IntRange(min = 0, max = 120) int startedSecondsAgo,
                                                         @ForAll boolean alreadyReplacing) {
        ContainerInfo c = running("c1", "web-1", 1, T0.minusSeconds(startedSecondsAgo));
        HealthTracker t = HealthTracker.INITIAL;
        Instant at = T0.minusSeconds(results.size());
        for (boolean ok : results) {
            t = t.next(ok ? CheckResult.pass("200") : CheckResult.fail(BAD), 1, 2, at);
            at = at.plusSeconds(1);
        }
        var local = alreadyReplacing ? Map.of("web-1", LocalInstanceState.FRESH.unhealthy("c1",
                new HealthRestartPolicy.Restart(java.time.Duration.ofSeconds(9), false, BAD), T0.minusSeconds(1), Backoff.DEFAULT))
                : Map.<String, LocalInstanceState>of();
        var r = pass(List.of(c), local, T0, new HealthObservation("web-1", "c1", c.startedAt(), t));

        boolean due = HealthRestartPolicy.DEFAULT.decide(a.spec().health(), t, c.startedAt(), T0).isPresent();
        boolean removed = r.actions().stream().anyMatch(x -> x instanceof HostAction.Remove rm && rm.containerId().equals("c1"));
        assertThat(removed).isEqualTo(due || alreadyReplacing);
        assertThat(status(r).state()).isEqualTo(removed ? InstanceState.BACKOFF : InstanceState.RUNNING);
        assertThat(r.actions()).noneMatch(x -> x instanceof HostAction.Create || x instanceof HostAction.Start);
        assertThat(r.local().get("web-1").failures()).isEqualTo(removed ? 1 : 0);
    }
}
