package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.ContainerState;
import io.wolfpack.agent.docker.FakeDockerEngine;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.wolfpack.agent.reconcile.Fixtures.IMAGE;
import static io.wolfpack.agent.reconcile.Fixtures.NODE;
import static io.wolfpack.agent.reconcile.Fixtures.T0;
import static io.wolfpack.agent.reconcile.Fixtures.assignment;
import static io.wolfpack.agent.reconcile.Fixtures.exited;
import static io.wolfpack.agent.reconcile.Fixtures.running;
import static io.wolfpack.agent.reconcile.Fixtures.snap;
import static org.assertj.core.api.Assertions.assertThat;

class HostReconcilerTest {
    private final HostReconciler reconciler = new HostReconciler(ReconcileConfig.DEFAULT);

    private static InstanceStatus status(ReconcileResult r, String id) {
        return r.statuses().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void doesNothingBeforeTheFirstAssignmentSetArrives() {
        var orphan = running("c1", "old-1", 1, T0);
        var r = reconciler.reconcile(new HostSnapshot(NODE, false, List.of(), List.of(orphan), Set.of(), Map.of(), T0));
        assertThat(r.actions()).isEmpty();
        assertThat(r.statuses()).isEmpty();
    }

    @Test
    void pullsAMissingImageFirstThenCreatesTheContainer() {
        var a = assignment("web-1", 1);
        var pulling = reconciler.reconcile(new HostSnapshot(NODE, true, List.of(a), List.of(), Set.of(), Map.of(), T0));
        assertThat(pulling.actions()).containsExactly(new HostAction.Pull(a.instance(), IMAGE));
        assertThat(status(pulling, "web-1").state()).isEqualTo(InstanceState.PULLING);

        var creating = reconciler.reconcile(snap(List.of(a), List.of(), pulling.local(), T0.plusSeconds(1)));
        assertThat(creating.actions()).containsExactly(new HostAction.Create(a));
        InstanceStatus s = status(creating, "web-1");
        assertThat(s.state()).isEqualTo(InstanceState.STARTING);
        assertThat(s.since()).isEqualTo(T0.plusSeconds(1));
        assertThat(s.health()).isEqualTo(Health.NONE);
        assertThat(s.node()).isEqualTo(NODE);
    }

    @Test
    void adoptsARunningContainerOfTheAssignedRevisionWithoutTouchingIt() {
        var a = assignment("web-1", 3);
        Instant started = T0.minusSeconds(3600);
        var r = reconciler.reconcile(snap(List.of(a), List.of(running("c1", "web-1", 3, started)), Map.of(), T0));
        assertThat(r.actions()).isEmpty();
        InstanceStatus s = status(r, "web-1");
        assertThat(s.state()).isEqualTo(InstanceState.RUNNING);
        assertThat(s.containerId()).isEqualTo("c1");
        assertThat(s.since()).isEqualTo(started);
        assertThat(s.restarts()).isZero();
        assertThat(s.revision()).isEqualTo(3);
    }

    @Test
    void removesContainersOfInstancesNoLongerAssignedAndReportsThemStopping() {
        var r = reconciler.reconcile(snap(List.of(), List.of(running("c1", "web-1", 1, T0)), Map.of(), T0));
        assertThat(r.actions()).singleElement().isInstanceOfSatisfying(HostAction.Remove.class, rm -> {
            assertThat(rm.containerId()).isEqualTo("c1");
            assertThat(rm.reason()).contains("no longer assigned");
        });
        assertThat(status(r, "web-1").state()).isEqualTo(InstanceState.STOPPING);
        assertThat(r.local()).isEmpty();
    }

    @Test
    void replacesAContainerOfAnotherRevisionOnlyAfterItIsGone() {
        var a = assignment("web-1", 2);
        var r = reconciler.reconcile(snap(List.of(a), List.of(running("c1", "web-1", 1, T0)), Map.of(), T0));
        assertThat(r.actions()).singleElement().isInstanceOfSatisfying(HostAction.Remove.class,
                rm -> assertThat(rm.reason()).contains("revision 1").contains("revision 2"));
        assertThat(status(r, "web-1").state()).isEqualTo(InstanceState.PENDING);

        var next = reconciler.reconcile(snap(List.of(a), List.of(), r.local(), T0.plusSeconds(1)));
        assertThat(next.actions()).containsExactly(new HostAction.Create(a));
    }

    @Test
    void removesDuplicatesAndKeepsTheRunningContainer() {
        var a = assignment("web-1", 1);
        var keep = running("c-run", "web-1", 1, T0.minusSeconds(10));
        var dup = exited("c-old", "web-1", 1, T0.minusSeconds(100), T0.minusSeconds(50), 0);
        var r = reconciler.reconcile(snap(List.of(a), List.of(dup, keep), Map.of(), T0));
        assertThat(r.actions()).singleElement().isInstanceOfSatisfying(HostAction.Remove.class, rm -> {
            assertThat(rm.containerId()).isEqualTo("c-old");
            assertThat(rm.reason()).contains("duplicate");
        });
        assertThat(status(r, "web-1").containerId()).isEqualTo("c-run");
    }

    @Test
    void neverTouchesUnmanagedContainersOrThoseOfAnotherNode() {
        var foreign = FakeDockerEngine.labelled("c-other", "web-9", "n2", 1, ContainerState.RUNNING, T0, null, null);
        var mine = running("c-mine", "web-8", 1, T0);
        Map<String, String> unmanagedLabels = new HashMap<>(mine.labels());
        unmanagedLabels.remove(WolfpackLabels.MANAGED);
        var unmanaged = new ContainerInfo("c-hand", "handmade", "img", unmanagedLabels, ContainerState.RUNNING, null, T0, null);
        var r = reconciler.reconcile(snap(List.of(), List.of(foreign, unmanaged), Map.of(), T0));
        assertThat(r.actions()).isEmpty();
        assertThat(r.statuses()).isEmpty();
    }

    @Test
    void restartsAnExitedContainerAfterADoublingBackoffCappedAtSixtySeconds() {
        var a = assignment("web-1", 1);
        Map<String, LocalInstanceState> local = Map.of();
        Instant now = T0;
        List<Long> waits = new ArrayList<>();
        for (int round = 1; round <= 9; round++) {
            var exitedNow = exited("c1", "web-1", 1, now.minusMillis(100), now, 3);
            var backingOff = reconciler.reconcile(snap(List.of(a), List.of(exitedNow), local, now));
            InstanceStatus s = status(backingOff, "web-1");
            assertThat(s.state()).isEqualTo(InstanceState.BACKOFF);
            assertThat(s.lastExitCode()).isEqualTo(3);
            assertThat(s.restarts()).isEqualTo(round - 1);
            assertThat(backingOff.actions()).singleElement().isInstanceOf(HostAction.Hold.class);
            long wait = Duration.between(now, s.nextRetryAt()).toSeconds();
            assertThat(s.message()).isEqualTo("exited with code 3; restarting in " + wait + "s");
            waits.add(wait);

            // a pass just before the retry time still waits, and does not count the exit again
            var stillWaiting = reconciler.reconcile(snap(List.of(a), List.of(exitedNow), backingOff.local(), s.nextRetryAt().minusMillis(1)));
            assertThat(stillWaiting.actions()).singleElement().isInstanceOf(HostAction.Hold.class);
            assertThat(status(stillWaiting, "web-1").nextRetryAt()).isEqualTo(s.nextRetryAt());

            now = s.nextRetryAt();
            var restarting = reconciler.reconcile(snap(List.of(a), List.of(exitedNow), stillWaiting.local(), now));
            assertThat(restarting.actions()).containsExactly(new HostAction.Start("web-1", "c1"));
            assertThat(status(restarting, "web-1").state()).isEqualTo(InstanceState.STARTING);
            assertThat(status(restarting, "web-1").restarts()).isEqualTo(round);
            local = restarting.local();
            now = now.plusSeconds(1);
        }
        assertThat(waits).containsExactly(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
    }

    @Test
    void aContainerThatRanForSixtySecondsStartsItsBackoffOver() {
        var a = assignment("web-1", 1);
        var failing = LocalInstanceState.FRESH.withContainer("c1");
        for (int i = 0; i < 5; i++) failing = failing.startFailed("start failed", "boom", T0, Backoff.DEFAULT);
        failing = failing.restarting(true);
        Instant started = T0.plusSeconds(10);
        var r = reconciler.reconcile(snap(List.of(a), List.of(running("c1", "web-1", 1, started)),
                Map.of("web-1", failing), started.plusSeconds(61)));
        assertThat(r.local().get("web-1").failures()).isZero();

        Instant exitAt = started.plusSeconds(62);
        var afterExit = reconciler.reconcile(snap(List.of(a), List.of(exited("c1", "web-1", 1, started, exitAt, 1)),
                r.local(), exitAt));
        assertThat(status(afterExit, "web-1").message()).isEqualTo("exited with code 1; restarting in 1s");
    }

    @Test
    void aLongRunThatEndsInAnExitAlsoResetsTheStreakWhenTheRunningPassWasMissed() {
        var a = assignment("web-1", 1);
        var failing = LocalInstanceState.FRESH;
        for (int i = 0; i < 4; i++) failing = failing.startFailed("start failed", "boom", T0, Backoff.DEFAULT);
        Instant started = T0.plusSeconds(100);
        Instant exitAt = started.plusSeconds(120);
        var r = reconciler.reconcile(snap(List.of(a), List.of(exited("c1", "web-1", 1, started, exitAt, 2)),
                Map.of("web-1", failing), exitAt));
        assertThat(status(r, "web-1").message()).endsWith("restarting in 1s");
    }

    @Test
    void aContainerRemovedBehindOurBackIsReplacedAtOnce() {
        var a = assignment("web-1", 1);
        var was = reconciler.reconcile(snap(List.of(a), List.of(running("c1", "web-1", 1, T0)), Map.of(), T0.plusSeconds(5)));
        var r = reconciler.reconcile(snap(List.of(a), List.of(), was.local(), T0.plusSeconds(6)));
        assertThat(r.actions()).containsExactly(new HostAction.Create(a));
    }

    @Test
    void aFailedPullBacksOffWithTheErrorAndThenPullsAgain() {
        var a = assignment("web-1", 1);
        var failed = LocalInstanceState.FRESH.pullFailed("manifest unknown for " + IMAGE, T0, Backoff.DEFAULT)
                .pullFailed("manifest unknown for " + IMAGE, T0.plusSeconds(1), Backoff.DEFAULT);
        var snapNoImage = new HostSnapshot(NODE, true, List.of(a), List.of(), Set.of(), Map.of("web-1", failed), T0.plusSeconds(2));
        var r = reconciler.reconcile(snapNoImage);
        InstanceStatus s = status(r, "web-1");
        assertThat(s.state()).isEqualTo(InstanceState.BACKOFF);
        assertThat(s.message()).isEqualTo("image pull failed: manifest unknown for " + IMAGE + "; retrying in 2s");
        assertThat(s.nextRetryAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(r.actions()).singleElement().isInstanceOf(HostAction.Hold.class);
        assertThat(r.local().get("web-1").pullFailures()).isEqualTo(2);

        var retry = reconciler.reconcile(new HostSnapshot(NODE, true, List.of(a), List.of(), Set.of(), r.local(), T0.plusSeconds(3)));
        assertThat(retry.actions()).containsExactly(new HostAction.Pull(a.instance(), IMAGE));
    }

    @Test
    void aCreatedContainerIsStartedWithoutCountingARestart() {
        var a = assignment("web-1", 1);
        var created = FakeDockerEngine.labelled("c1", "web-1", NODE, 1, ContainerState.CREATED, null, null, null);
        var r = reconciler.reconcile(snap(List.of(a), List.of(created), Map.of(), T0));
        assertThat(r.actions()).containsExactly(new HostAction.Start("web-1", "c1"));
        assertThat(status(r, "web-1").restarts()).isZero();
    }

    @Test
    void theExitOfAFailedStartIsNotCountedTwice() {
        var a = assignment("web-1", 1);
        var afterFailedStart = LocalInstanceState.FRESH.withContainer("c1").startFailed("start failed", "exec: no such file", T0, Backoff.DEFAULT);
        var r = reconciler.reconcile(snap(List.of(a), List.of(exited("c1", "web-1", 1, null, T0, 127)),
                Map.of("web-1", afterFailedStart), T0.plusMillis(100)));
        InstanceStatus s = status(r, "web-1");
        assertThat(s.message()).isEqualTo("start failed: exec: no such file; retrying in 1s");
        assertThat(s.lastExitCode()).isEqualTo(127);
        assertThat(r.local().get("web-1").failures()).isEqualTo(1);
    }

    @Test
    void anInstanceWithAHealthCheckStartsUnknown() {
        var base = assignment("web-1", 1);
        var a = new Assignment(base.instance(), Fixtures.spec(Fixtures.httpHealth()));
        var r = reconciler.reconcile(snap(List.of(a), List.of(running("c1", "web-1", 1, T0)), Map.of(), T0));
        assertThat(status(r, "web-1").health()).isEqualTo(Health.UNKNOWN);
    }

    @Test
    void actionsComeOutRemovalsFirst() {
        var a = assignment("web-1", 1);
        var b = assignment("web-2", 1);
        var r = reconciler.reconcile(snap(List.of(a, b), List.of(running("c9", "gone-1", 1, T0),
                exited("c2", "web-2", 1, T0.minusSeconds(10), T0.minusSeconds(5), 1)),
                Map.of("web-2", LocalInstanceState.FRESH.withCountedExit(T0.minusSeconds(5), 1)), T0));
        assertThat(r.actions()).extracting(x -> x.getClass().getSimpleName()).containsExactly("Remove", "Create", "Start");
        assertThat(r.statuses()).extracting(InstanceStatus::id).containsExactly("gone-1", "web-1", "web-2");
    }

    @Test
    void sinceMovesOnlyWhenTheStateChanges() {
        var a = assignment("web-1", 1);
        var first = reconciler.reconcile(new HostSnapshot(NODE, true, List.of(a), List.of(), Set.of(), Map.of(), T0));
        var second = reconciler.reconcile(new HostSnapshot(NODE, true, List.of(a), List.of(), Set.of(), first.local(), T0.plusSeconds(3)));
        assertThat(status(second, "web-1").since()).isEqualTo(T0);
    }

    @Test
    void forgetsInstancesThatAreNoLongerAssigned() {
        var r = reconciler.reconcile(snap(List.of(), List.of(), Map.of("web-1", LocalInstanceState.FRESH.withContainer("x")), T0));
        assertThat(r.local()).isEmpty();
        assertThat(r.statuses()).isEmpty();
    }
}
