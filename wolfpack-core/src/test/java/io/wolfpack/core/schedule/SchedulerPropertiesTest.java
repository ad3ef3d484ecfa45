package io.wolfpack.core.schedule;

import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.PlacementSpec;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.Resources;
import io.wolfpack.core.spec.ServiceSpec;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulerPropertiesTest {
    private static final PortRange RANGE = new PortRange(40000, 40019);

    @Property(tries = 300)
    void placementsRespectCapacityStateConstraintsAndPorts(@ForAll("nodes") List<NodeSnapshot> nodes,
                                                          @ForAll("specs") ServiceSpec spec,
                                                          @ForAll @IntRange(max = 40) int count) {
        Plan plan = new Scheduler().schedule(new ClusterSnapshot(nodes, RANGE), new PlacementRequest(spec, count));

        assertThat(plan.placements().size() + plan.unplaced()).isEqualTo(count);
        assertThat(plan.explanation() == null).isEqualTo(plan.unplaced() == 0);
        List<io.wolfpack.core.spec.PlacementConstraint> constraints = spec.placement().constraints().stream()
                .map(io.wolfpack.core.spec.PlacementConstraint::parse).toList();
        Map<String, NodeSnapshot> byName = new HashMap<>();
        nodes.forEach(n -> byName.put(n.name(), n));
        Map<String, Integer> placed = new HashMap<>();
        Map<String, Set<Integer>> ports = new HashMap<>();
        for (Placement p : plan.placements()) {
            NodeSnapshot node = byName.get(p.node());
            assertThat(node.state()).isEqualTo(NodeState.READY);
            assertThat(constraints).allMatch(c -> c.test(node.labels().get(c.key())));
            placed.merge(p.node(), 1, Integer::sum);
            assertThat(p.hostPorts()).hasSize(spec.ports().size());
            for (int port : p.hostPorts().values()) {
                assertThat(RANGE.contains(port)).isTrue();
                assertThat(node.usedHostPorts()).doesNotContain(port);
                assertThat(ports.computeIfAbsent(p.node(), k -> new HashSet<>()).add(port)).as("port %d reused", port).isTrue();
            }
        }
        placed.forEach((name, n) -> {
            NodeSnapshot node = byName.get(name);
            assertThat(node.usedMilliCpu() + n * spec.resources().milliCpu()).isLessThanOrEqualTo(node.milliCpu());
            assertThat(node.usedMemoryBytes() + n * spec.resources().memory().bytes()).isLessThanOrEqualTo(node.memoryBytes());
        });
    }

    @Property(tries = 200)
    void equalNodesInEqualZonesDifferByAtMostOneInstance(@ForAll @IntRange(min = 1, max = 5) int nodesPerZone,
                                                         @ForAll @IntRange(max = 60) int count,
                                                         @ForAll boolean zoneSpread) {
        int nodeCount = 3 * nodesPerZone;
        List<String> spread = zoneSpread ? List.of("node", "zone") : List.of("node");
        List<NodeSnapshot> nodes = IntStream.range(0, nodeCount).mapToObj(i -> Fixtures.node("n" + i, "z" + i % 3)).toList();
        Plan plan = Fixtures.schedule(nodes, Fixtures.service("web", 0.01, "1Mi", new PlacementSpec(spread, List.of(), false)), count);

        int[] perNode = new int[nodeCount];
        plan.placements().forEach(p -> perNode[Integer.parseInt(p.node().substring(1))]++);
        assertThat(IntStream.of(perNode).max().orElse(0) - IntStream.of(perNode).min().orElse(0)).isLessThanOrEqualTo(1);
    }

    /** Folding plans in with withPlan (the incremental path) decides exactly as a freshly built snapshot. */
    @Property(tries = 100)
    void foldedSnapshotsDecideLikeFreshOnes(@ForAll("nodes") List<NodeSnapshot> nodes,
                                           @ForAll("specsList") List<ServiceSpec> specs) {
        Scheduler scheduler = new Scheduler();
        ClusterSnapshot folded = new ClusterSnapshot(nodes, RANGE);
        for (ServiceSpec spec : specs) {
            ClusterSnapshot fresh = new ClusterSnapshot(new ArrayList<>(folded.nodes()), RANGE);
            PlacementRequest request = new PlacementRequest(spec, 3);
            Plan plan = scheduler.schedule(folded, request);
            assertThat(plan).isEqualTo(scheduler.schedule(fresh, request));
            folded = folded.withPlan(spec, plan);
        }
    }

    @Provide
    Arbitrary<List<NodeSnapshot>> nodes() {
        Arbitrary<NodeSnapshot> node = Combinators.combine(
                Arbitraries.of(NodeState.READY, NodeState.READY, NodeState.READY, NodeState.CORDONED, NodeState.DOWN),
                Arbitraries.of("a", "b", "c", "-"),
                Arbitraries.longs().between(0, 4000),
                Arbitraries.longs().between(0, 4096),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(40000, 40019).set().ofMaxSize(20),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3)
        ).as((state, zone, cpu, memMi, usedShare, used, web, failures) -> new NodeSnapshot("n", state,
                zone.equals("-") ? Map.of() : Map.of("zone", zone), cpu, memMi << 20,
                (long) (cpu * usedShare), (long) ((memMi << 20) * usedShare), used,
                web == 0 ? Map.of() : Map.of("s1", web), failures, failures * 0.5));
        return node.list().ofMaxSize(10).map(list -> {
            List<NodeSnapshot> named = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                NodeSnapshot n = list.get(i);
                named.add(new NodeSnapshot("node-" + i, n.state(), n.labels(), n.milliCpu(), n.memoryBytes(), n.usedMilliCpu(),
                        n.usedMemoryBytes(), n.usedHostPorts(), n.instancesPerService(), n.recentFailures(), n.load()));
            }
            return named;
        });
    }

    @Provide
    Arbitrary<ServiceSpec> specs() {
        return Combinators.combine(
                Arbitraries.of("s1", "s2"),
                Arbitraries.of(0.05, 0.25, 1.0),
                Arbitraries.of(32L, 256L, 1024L),
                Arbitraries.integers().between(0, 2),
                Arbitraries.of(List.of("node"), List.of("node", "zone"), List.of("zone"), List.<String>of()),
                Arbitraries.of(List.<String>of(), List.of("zone != c"), List.of("zone == a"), List.of("zone != b", "zone != c")),
                Arbitraries.of(true, false)
        ).as((name, cpu, memMi, portCount, spread, constraints, binpack) -> new ServiceSpec(name, "img:1", 1, null, null,
                new Resources(cpu, ByteSize.ofMebibytes(memMi)),
                IntStream.range(0, portCount).mapToObj(i -> new PortSpec("p" + i, 8000 + i)).toList(),
                null, null, new PlacementSpec(spread, constraints, binpack), null));
    }

    @Provide
    Arbitrary<List<ServiceSpec>> specsList() {
        return specs().list().ofMinSize(1).ofMaxSize(6);
    }
}
