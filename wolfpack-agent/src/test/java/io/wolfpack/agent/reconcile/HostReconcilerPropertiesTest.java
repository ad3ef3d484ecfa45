package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.ContainerState;
import io.wolfpack.agent.docker.FakeDockerEngine;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.InstanceStatus;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.wolfpack.agent.reconcile.Fixtures.NODE;
import static io.wolfpack.agent.reconcile.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

class HostReconcilerPropertiesTest {
    private static final List<String> IDS = List.of("a-1", "a-2", "a-3", "b-1", "b-2");
    private final HostReconciler reconciler = new HostReconciler(ReconcileConfig.DEFAULT);

    @Provide
    Arbitrary<HostSnapshot> hosts() {
        Arbitrary<List<Assignment>> assignments = Arbitraries.subsetOf(IDS)
                .flatMap(ids -> Arbitraries.longs().between(1, 2).list().ofSize(ids.size()).map(revs -> {
                    List<Assignment> out = new ArrayList<>();
                    int i = 0;
                    for (String id : ids) out.add(Fixtures.assignment(id, revs.get(i++)));
                    return out;
                }));
        Arbitrary<ContainerInfo> container = Combinators.combine(
                Arbitraries.of(IDS), Arbitraries.longs().between(1, 2), Arbitraries.of(ContainerState.class),
                Arbitraries.of(NODE, NODE, NODE, "other"), Arbitraries.of(true, true, true, false),
                Arbitraries.longs().between(-300, 0), Arbitraries.integers().between(0, 3)
        ).as((id, rev, state, node, managed, startOffset, code) -> {
            Instant started = state == ContainerState.CREATED ? null : T0.plusSeconds(startOffset);
            Instant finished = state == ContainerState.EXITED ? T0.plusSeconds(startOffset / 2) : null;
            ContainerInfo c = FakeDockerEngine.labelled("c-" + id + "-" + rev + "-" + state + "-" + startOffset + "-" + node + managed,
                    id, node, rev, state, started, finished, state == ContainerState.EXITED ? code : null);
            if (managed) return c;
            Map<String, String> labels = new HashMap<>(c.labels());
            labels.remove(WolfpackLabels.MANAGED);
            return new ContainerInfo(c.id(), c.name(), c.image(), labels, c.state(), c.exitCode(), c.startedAt(), c.finishedAt());
        });
        Arbitrary<List<ContainerInfo>> containers = container.list().ofMaxSize(8).uniqueElements(ContainerInfo::id);
        Arbitrary<Map<String, LocalInstanceState>> local = Arbitraries.subsetOf(IDS).flatMap(ids ->
                Arbitraries.integers().between(0, 6).list().ofSize(ids.size()).map(fails -> {
                    Map<String, LocalInstanceState> m = new HashMap<>();
                    int i = 0;
                    for (String id : ids) {
                        LocalInstanceState s = LocalInstanceState.FRESH;
                        for (int f = 0; f < fails.get(i); f++) s = s.startFailed("start failed", "x", T0.minusSeconds(f * 7L), Backoff.DEFAULT);
                        m.put(id, s);
                        i++;
                    }
                    return m;
                }));
        Arbitrary<Set<String>> images = Arbitraries.of(Set.of(), Set.of(Fixtures.IMAGE));
        return Combinators.combine(assignments, containers, local, images)
                .as((a, c, l, img) -> new HostSnapshot(NODE, true, a, c, img, l, T0));
    }

    private static Map<String, List<HostAction>> byInstance(ReconcileResult r, Class<?> kind) {
        return r.actions().stream().filter(kind::isInstance).collect(Collectors.groupingBy(HostAction::instanceId));
    }

    @Property
    void neverMoreThanOneCreatePullOrStartPerInstance(@ForAll("hosts") HostSnapshot snap) {
        ReconcileResult r = reconciler.reconcile(snap);
        Map<String, Integer> bringUps = new HashMap<>();
        for (HostAction a : r.actions()) {
            if (a instanceof HostAction.Create || a instanceof HostAction.Start || a instanceof HostAction.Pull) {
                bringUps.merge(a.instanceId(), 1, Integer::sum);
            }
        }
        assertThat(bringUps.values()).allMatch(n -> n == 1);
    }

    @Property
    void neverRemovesTheRunningContainerOfAnAssignedInstanceAndRevision(@ForAll("hosts") HostSnapshot snap) {
        ReconcileResult r = reconciler.reconcile(snap);
        Set<String> removed = r.actions().stream().filter(a -> a instanceof HostAction.Remove)
                .map(a -> ((HostAction.Remove) a).containerId()).collect(Collectors.toSet());
        for (Assignment a : snap.assignments()) {
            List<ContainerInfo> good = snap.containers().stream()
                    .filter(c -> WolfpackLabels.managed(c) && NODE.equals(c.label(WolfpackLabels.NODE)))
                    .filter(c -> a.instance().id().equals(c.label(WolfpackLabels.INSTANCE)))
                    .filter(c -> Long.toString(a.instance().revision()).equals(c.label(WolfpackLabels.REVISION)))
                    .filter(ContainerInfo::running).toList();
            if (good.isEmpty()) continue;
            assertThat(good).filteredOn(c -> !removed.contains(c.id())).hasSize(1);
            assertThat(byInstance(r, HostAction.Create.class)).doesNotContainKey(a.instance().id());
            assertThat(byInstance(r, HostAction.Start.class)).doesNotContainKey(a.instance().id());
        }
    }

    @Property
    void removesOnlyManagedContainersOfThisNode(@ForAll("hosts") HostSnapshot snap) {
        Map<String, ContainerInfo> byId = new HashMap<>();
        snap.containers().forEach(c -> byId.put(c.id(), c));
        for (HostAction a : reconciler.reconcile(snap).actions()) {
            if (!(a instanceof HostAction.Remove rm)) continue;
            ContainerInfo c = byId.get(rm.containerId());
            assertThat(WolfpackLabels.managed(c)).isTrue();
            assertThat(c.label(WolfpackLabels.NODE)).isEqualTo(NODE);
        }
    }

    @Property
    void everyAssignedInstanceHasExactlyOneStatus(@ForAll("hosts") HostSnapshot snap) {
        ReconcileResult r = reconciler.reconcile(snap);
        Set<String> ids = new HashSet<>();
        for (InstanceStatus s : r.statuses()) assertThat(ids.add(s.id())).isTrue();
        snap.assignments().forEach(a -> assertThat(ids).contains(a.instance().id()));
        assertThat(r.local().keySet()).isEqualTo(snap.assignments().stream().map(a -> a.instance().id()).collect(Collectors.toSet()));
    }

    @Property
    void nothingHappensBeforeTheFirstAssignmentSet(@ForAll("hosts") HostSnapshot snap) {
        HostSnapshot notYet = new HostSnapshot(snap.node(), false, List.of(), snap.containers(), snap.presentImages(), snap.local(), snap.now());
        assertThat(reconciler.reconcile(notYet).actions()).isEmpty();
    }

    @Property
    void aCrashLoopWaitsLongerEachTimeUpToTheCap(@ForAll @IntRange(min = 1, max = 30) int crashes,
                                                @ForAll @IntRange(min = 0, max = 59_000) int runMillis) {
        Assignment a = Fixtures.assignment("a-1", 1);
        Map<String, LocalInstanceState> local = Map.of();
        Instant now = T0;
        Duration last = Duration.ZERO;
        for (int i = 0; i < crashes; i++) {
            Instant finished = now.plusMillis(runMillis);
            ContainerInfo c = Fixtures.exited("c1", "a-1", 1, now, finished, 1);
            ReconcileResult r = reconciler.reconcile(Fixtures.snap(List.of(a), List.of(c), local, finished));
            InstanceStatus s = r.statuses().get(0);
            Duration wait = Duration.between(finished, s.nextRetryAt());
            assertThat(wait).isGreaterThanOrEqualTo(last).isLessThanOrEqualTo(Duration.ofSeconds(60));
            last = wait;
            ReconcileResult restart = reconciler.reconcile(Fixtures.snap(List.of(a), List.of(c), r.local(), s.nextRetryAt()));
            assertThat(restart.actions()).containsExactly(new HostAction.Start("a-1", "c1"));
            local = restart.local();
            now = s.nextRetryAt();
        }
    }
}
