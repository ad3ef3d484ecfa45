package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.spec.PlacementSpec;
import io.wolfpack.core.spec.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.wolfpack.core.schedule.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulerTest {

    @Test
    void nineReplicasOnThreeEqualNodesGoThreeEach() {
        Plan plan = schedule(List.of(node("n1", null), node("n2", null), node("n3", null)), service("web"), 9);

        assertThat(plan.unplaced()).isZero();
        assertThat(plan.explanation()).isNull();
        assertThat(perNode(plan)).isEqualTo(Map.of("n1", 3L, "n2", 3L, "n3", 3L));
    }

    @Test
    void spreadOverNodeAndZonePutsThreeInEachZone() {
        // Zone a has three times the room of the others, so fit alone would crowd it.
        List<NodeSnapshot> nodes = List.of(node("a1", "a", 16, "32Gi"), node("a2", "a", 16, "32Gi"),
                node("b1", "b"), node("b2", "b"), node("c1", "c"), node("c2", "c"));
        Plan plan = schedule(nodes, service("web", 0.1, "64Mi", spread("node", "zone")), 9);

        Map<String, Long> perZone = plan.placements().stream()
                .collect(Collectors.groupingBy(p -> p.node().substring(0, 1), Collectors.counting()));
        assertThat(perZone).containsExactlyInAnyOrderEntriesOf(Map.of("a", 3L, "b", 3L, "c", 3L));
        assertThat(perNode(plan).values()).allSatisfy(c -> assertThat(c).isBetween(1L, 2L));
    }

    @Test
    void zoneSpreadCountsInstancesAlreadyRunning() {
        NodeSnapshot a1 = new NodeSnapshot("a1", NodeState.READY, Map.of("zone", "a"), 4000, 8L << 30, 0, 0,
                Set.of(), Map.of("web", 2), 0, 0);
        Plan plan = schedule(List.of(a1, node("b1", "b")), service("web", 0.1, "64Mi", spread("node", "zone")), 2);

        assertThat(perNode(plan)).isEqualTo(Map.of("b1", 2L));
    }

    @Test
    void constraintsKeepInstancesToMatchingNodes() {
        List<NodeSnapshot> nodes = List.of(node("a1", "a"), node("b1", "b"), node("c1", "c"), node("x1", null));

        assertThat(perNode(schedule(nodes, service("web", 0.1, "64Mi", constrained("zone != c")), 6)).keySet())
                .containsExactly("a1", "b1", "x1");
        assertThat(perNode(schedule(nodes, service("web", 0.1, "64Mi", constrained("zone == b")), 3)))
                .isEqualTo(Map.of("b1", 3L));
        Plan none = schedule(nodes, service("web", 0.1, "64Mi", constrained("zone == d")), 2);
        assertThat(none.unplaced()).isEqualTo(2);
        assertThat(none.explanation()).isEqualTo("0/4 nodes fit: 4 constraint zone == d");
    }

    @Test
    void invalidConstraintIsExplainedNotThrown() {
        Plan plan = schedule(List.of(node("a1", "a")), service("web", 0.1, "64Mi", constrained("zone = a")), 1);

        assertThat(plan.unplaced()).isEqualTo(1);
        assertThat(plan.explanation()).contains("'zone = a'", "label == value");
    }

    @Test
    void insufficientMemoryIsExplainedWithNumbers() {
        List<NodeSnapshot> nodes = new ArrayList<>();
        nodes.add(withUsedMemory(node("a1", "a", 4, "1Gi"), "768Mi"));
        nodes.add(withUsedMemory(node("a2", "a", 4, "1Gi"), "896Mi"));
        nodes.add(withUsedMemory(node("c1", "c", 4, "2Gi"), "1792Mi"));
        nodes.add(node("b1", "b"));
        nodes.add(node("b2", "b"));
        Plan plan = schedule(nodes, service("web", 0.1, "512Mi", constrained("zone != b")), 5);

        assertThat(plan.placements()).isEmpty();
        assertThat(plan.unplaced()).isEqualTo(5);
        assertThat(plan.explanation())
                .isEqualTo("0/5 nodes fit: 3 insufficient memory (need 512Mi, most free 256Mi), 2 constraint zone != b");
    }

    @Test
    void partialPlacementExplainsWhatRanOut() {
        Plan plan = schedule(List.of(node("a1", "a", 1, "8Gi")), service("web", 0.5, "64Mi", PlacementSpec.DEFAULT), 3);

        assertThat(plan.placements()).hasSize(2);
        assertThat(plan.unplaced()).isEqualTo(1);
        assertThat(plan.explanation()).isEqualTo("0/1 nodes fit: 1 insufficient cpu (need 0.5 cpu, most free 0 cpu)");
    }

    @Test
    void unreadyNodesAreSkippedAndNamed() {
        List<NodeSnapshot> nodes = List.of(withState(node("c1", null), NodeState.CORDONED),
                withState(node("d1", null), NodeState.DOWN), withState(node("d2", null), NodeState.DOWN),
                withState(node("s1", null), NodeState.SUSPECT), withState(node("r1", null), NodeState.DRAINING),
                node("ok", null));

        Plan plan = schedule(nodes, service("web"), 4);
        assertThat(perNode(plan)).isEqualTo(Map.of("ok", 4L));

        Plan none = schedule(nodes.subList(0, 5), service("web"), 1);
        assertThat(none.explanation())
                .isEqualTo("0/5 nodes fit: 2 node down, 1 node cordoned, 1 node draining, 1 node suspect");
    }

    @Test
    void hostPortsNeverCollideWithinACallOrWithUsedPorts() {
        PortRange range = new PortRange(30000, 30011);
        Set<Integer> used = Set.of(30000, 30003, 30007, 30010);
        NodeSnapshot n1 = withPorts(node("n1", null), used);
        ServiceSpec spec = service("web", 0.01, "1Mi", PlacementSpec.DEFAULT, "http", "admin");

        Plan plan = new Scheduler().schedule(new ClusterSnapshot(List.of(n1), range), new PlacementRequest(spec, 5));

        // 12 ports, 4 used, 2 per instance: four instances fit, the fifth is explained.
        assertThat(plan.placements()).hasSize(4);
        List<Integer> given = plan.placements().stream().flatMap(p -> p.hostPorts().values().stream()).toList();
        assertThat(given).hasSize(8).doesNotHaveDuplicates().allMatch(range::contains).doesNotContainAnyElementsOf(used);
        assertThat(plan.placements()).allSatisfy(p -> assertThat(p.hostPorts()).containsOnlyKeys("http", "admin"));
        assertThat(plan.explanation())
                .isEqualTo("0/1 nodes fit: 1 not enough free host ports in 30000-30011 (need 2, most free 0)");

        Plan single = new Scheduler().schedule(new ClusterSnapshot(List.of(n1), range),
                new PlacementRequest(service("one", 0.01, "1Mi", PlacementSpec.DEFAULT, "http"), 9));
        assertThat(single.placements()).hasSize(8);
        assertThat(single.explanation()).isEqualTo("0/1 nodes fit: 1 no free host port in 30000-30011");
    }

    @Test
    void hostPortsAreNotAlwaysTheLowestFree() {
        List<NodeSnapshot> nodes = IntStream.range(0, 20).mapToObj(i -> node("n" + i, null)).toList();
        Plan plan = schedule(nodes, service("web", 0.1, "64Mi", PlacementSpec.DEFAULT, "http"), 20);

        Set<Integer> ports = new HashSet<>();
        plan.placements().forEach(p -> ports.add(p.hostPorts().get("http")));
        assertThat(ports.size()).isGreaterThan(10);
    }

    @Test
    void binpackFillsOneNodeFirst() {
        List<NodeSnapshot> nodes = List.of(node("n1", null, 1, "8Gi"), node("n2", null, 1, "8Gi"), node("n3", null, 1, "8Gi"));
        ServiceSpec spec = service("batch", 0.25, "64Mi", new PlacementSpec(List.of("node"), List.of(), true));

        Plan plan = schedule(nodes, spec, 6);

        assertThat(perNode(plan)).isEqualTo(Map.of("n1", 4L, "n2", 2L));
    }

    @Test
    void binpackPrefersTheFullerNode() {
        NodeSnapshot busy = new NodeSnapshot("z-busy", NodeState.READY, Map.of(), 4000, 8L << 30, 3000, 6L << 30,
                Set.of(), Map.of(), 0, 0);
        ServiceSpec spec = service("batch", 0.25, "64Mi", new PlacementSpec(List.of(), List.of(), true));

        assertThat(perNode(schedule(List.of(node("a-empty", null), busy), spec, 2))).isEqualTo(Map.of("z-busy", 2L));
    }

    @Test
    void spreadingPrefersTheEmptierNode() {
        NodeSnapshot busy = new NodeSnapshot("a-busy", NodeState.READY, Map.of(), 4000, 8L << 30, 3000, 6L << 30,
                Set.of(), Map.of(), 0, 0);

        assertThat(perNode(schedule(List.of(busy, node("z-empty", null)), service("web"), 1))).containsOnlyKeys("z-empty");
    }

    @Test
    void conditionPrefersTheNodeWithFewerRecentFailures() {
        List<NodeSnapshot> nodes = List.of(withCondition(node("a", null), 3, 0), withCondition(node("b", null), 0, 0),
                withCondition(node("c", null), 1, 0));

        assertThat(perNode(schedule(nodes, service("web"), 1))).containsOnlyKeys("b");
        List<NodeSnapshot> loaded = List.of(withCondition(node("a", null), 0, 2.5), withCondition(node("b", null), 0, 0.5));
        assertThat(perNode(schedule(loaded, service("web"), 1))).containsOnlyKeys("b");
    }

    @Test
    void tiesGoToTheSmallerNodeNameWhateverTheInputOrder() {
        List<NodeSnapshot> nodes = List.of(node("n3", null), node("n1", null), node("n2", null));

        assertThat(schedule(nodes, service("web"), 1).placements()).extracting(Placement::node).containsExactly("n1");
        assertThat(schedule(nodes, service("web"), 3).placements()).extracting(Placement::node)
                .containsExactly("n1", "n2", "n3");
    }

    @Test
    void existingInstancesOfTheServiceCountForNodeSpread() {
        NodeSnapshot crowded = new NodeSnapshot("n1", NodeState.READY, Map.of(), 4000, 8L << 30, 0, 0,
                Set.of(), Map.of("web", 3, "other", 5), 0, 0);

        assertThat(perNode(schedule(List.of(crowded, node("n2", null)), service("web"), 4)))
                .isEqualTo(Map.of("n1", 1L, "n2", 3L));
    }

    @Test
    void emptyRequestsAndEmptyClusters() {
        assertThat(schedule(List.of(node("n1", null)), service("web"), 0)).isEqualTo(new Plan(List.of(), 0, null));
        assertThat(schedule(List.of(), service("web"), 2).explanation()).isEqualTo("0/0 nodes fit: the cluster has no nodes");
    }

    @Test
    void theSnapshotIsNotChangedAndRepeatedCallsAgree() {
        List<NodeSnapshot> nodes = List.of(node("n1", "a"), node("n2", "b"));
        ClusterSnapshot snapshot = new ClusterSnapshot(nodes, PortRange.DEFAULT);
        PlacementRequest request = new PlacementRequest(service("web", 0.5, "1Gi", spread("node", "zone"), "http"), 5);
        Scheduler scheduler = new Scheduler();

        Plan first = scheduler.schedule(snapshot, request);
        Plan second = scheduler.schedule(snapshot, request);

        assertThat(second).isEqualTo(first);
        assertThat(snapshot.nodes()).containsExactlyElementsOf(nodes);
    }
}
