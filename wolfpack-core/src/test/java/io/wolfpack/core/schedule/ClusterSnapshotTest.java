package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.wolfpack.core.schedule.Fixtures.node;
import static io.wolfpack.core.schedule.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterSnapshotTest {

    @Test
    void withPlanAddsUsageCountsAndPortsToTheChosenNodesOnly() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(node("n1", null), node("n2", null)), null);
        Plan plan = new Plan(List.of(new Placement("n1", Map.of("http", 20001)), new Placement("n1", Map.of("http", 20002))), 0, null);

        ClusterSnapshot next = snapshot.withPlan(service("web", 0.25, "64Mi", io.wolfpack.core.spec.PlacementSpec.DEFAULT, "http"), plan);

        NodeSnapshot n1 = next.nodes().get(0);
        assertThat(n1.usedMilliCpu()).isEqualTo(500);
        assertThat(n1.usedMemoryBytes()).isEqualTo(128L << 20);
        assertThat(n1.usedHostPorts()).containsExactlyInAnyOrder(20001, 20002);
        assertThat(n1.instancesPerService()).isEqualTo(Map.of("web", 2));
        assertThat(next.nodes().get(1)).isEqualTo(snapshot.nodes().get(1));
        assertThat(snapshot.nodes().get(0).usedMilliCpu()).isZero();
        assertThat(next.portRange()).isEqualTo(PortRange.DEFAULT);
    }

    @Test
    void withPlanRejectsUnknownNodes() {
        ClusterSnapshot snapshot = new ClusterSnapshot(List.of(node("n1", null)), null);
        Plan plan = new Plan(List.of(new Placement("ghost", Map.of())), 0, null);

        assertThatThrownBy(() -> snapshot.withPlan(service("web"), plan)).hasMessageContaining("'ghost'");
    }

    @Test
    void nodeNamesMustBeUnique() {
        assertThatThrownBy(() -> new ClusterSnapshot(List.of(node("n1", null), node("n1", "a")), null))
                .hasMessage("node name 'n1' appears twice in the snapshot: names must be unique");
    }

    @Test
    void snapshotsCompareByContent() {
        List<NodeSnapshot> nodes = List.of(node("n1", "a"));
        assertThat(new ClusterSnapshot(nodes, null)).isEqualTo(new ClusterSnapshot(List.copyOf(nodes), PortRange.DEFAULT));
    }

    @Test
    void nodeSnapshotsCopyTheirCollectionsAndCheckNumbers() {
        java.util.Map<String, String> labels = new java.util.HashMap<>(Map.of("zone", "a"));
        NodeSnapshot n = new NodeSnapshot("n1", NodeState.READY, labels, 1000, 1, 0, 0, null, null, 0, 0);
        labels.put("zone", "b");
        assertThat(n.labels()).containsEntry("zone", "a");
        assertThat(n.usedHostPorts()).isEqualTo(Set.of());
        assertThatThrownBy(() -> new NodeSnapshot("n1", NodeState.READY, null, -1, 1, 0, 0, null, null, 0, 0))
                .hasMessageContaining("node n1");
    }
}
