package io.wolfpack.core.image;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineageGraphPropertiesTest {

    @Property(tries = 300)
    void everyEdgeGoesToALowerLevelAndEveryLevelIsAsLowAsItCanBe(@ForAll("dags") List<ImageNode> nodes) {
        LineageGraph g = LineageGraph.of(nodes);
        List<String> flat = g.buildLevels().stream().flatMap(List::stream).toList();
        assertThat(flat).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(nodes.stream().map(ImageNode::name).toList());
        for (List<String> level : g.buildLevels()) assertThat(level).isSorted();
        for (String name : g.names()) {
            int level = g.levelOf(name);
            for (String dep : g.dependencies(name)) assertThat(g.levelOf(dep)).isLessThan(level);
            if (level > 0) assertThat(g.dependencies(name)).anyMatch(d -> g.levelOf(d) == level - 1);
        }
    }

    @Property(tries = 300)
    void descendantsAreExactlyWhatReachesTheImageAndAreClosed(@ForAll("dags") List<ImageNode> nodes) {
        LineageGraph g = LineageGraph.of(nodes);
        for (String name : g.names()) {
            Set<String> desc = g.descendants(name);
            assertThat(desc).doesNotContain(name).containsAll(g.children(name));
            for (String d : desc) assertThat(desc).containsAll(g.descendants(d));
            Set<String> reaching = new HashSet<>();
            for (String other : g.names()) {
                if (!other.equals(name) && reaches(g, other, name)) reaching.add(other);
            }
            assertThat(desc).containsExactlyInAnyOrderElementsOf(reaching);
        }
    }

    @Property(tries = 200)
    void levelsWithinASubsetRespectEveryEdgeInsideIt(@ForAll("dags") List<ImageNode> nodes, @ForAll long seed) {
        LineageGraph g = LineageGraph.of(nodes);
        List<String> subset = new ArrayList<>(g.names());
        Collections.shuffle(subset, new Random(seed));
        subset = subset.subList(0, subset.size() / 2);
        List<List<String>> levels = g.levelsWithin(subset);
        assertThat(levels).allMatch(l -> !l.isEmpty());
        List<String> flat = levels.stream().flatMap(List::stream).toList();
        assertThat(flat).containsExactlyInAnyOrderElementsOf(subset);
        for (String name : flat) {
            for (String dep : g.dependencies(name)) {
                if (flat.contains(dep)) assertThat(levelIndex(levels, dep)).isLessThan(levelIndex(levels, name));
            }
        }
    }

    @Property(tries = 200)
    void anEdgeBackToAnAncestorIsAlwaysACycle(@ForAll("dags") List<ImageNode> nodes) {
        LineageGraph g = LineageGraph.of(nodes);
        String top = g.buildLevels().get(g.buildLevels().size() - 1).get(0);
        if (g.levelOf(top) == 0) return;
        String bottom = g.dependencies(top).get(0);
        List<ImageNode> withBackEdge = new ArrayList<>();
        for (ImageNode n : nodes) {
            if (!n.name().equals(bottom)) {
                withBackEdge.add(n);
                continue;
            }
            List<String> inputs = new ArrayList<>(n.inputs());
            inputs.add(top);
            withBackEdge.add(new ImageNode(n.name(), n.base(), n.externalBase(), inputs));
        }
        assertThatThrownBy(() -> LineageGraph.of(withBackEdge))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle: ");
    }

    /** Random DAGs: each image builds on earlier ones only (or on something external), then the order is shuffled. */
    @Provide
    Arbitrary<List<ImageNode>> dags() {
        return Arbitraries.integers().between(1, 14).flatMap(n -> Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            List<ImageNode> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "i" + i;
                List<String> inputs = new ArrayList<>();
                for (int j = 0; j < i; j++) {
                    if (r.nextInt(6) == 0) inputs.add("i" + j);
                }
                if (r.nextInt(4) == 0) inputs.add("ext" + r.nextInt(3));
                if (i > 0 && r.nextInt(3) > 0) {
                    out.add(new ImageNode(name, "i" + r.nextInt(i), null, inputs));
                } else {
                    // A base naming no image of the graph must behave like an external one.
                    out.add(r.nextBoolean() ? new ImageNode(name, null, "scratch", inputs) : new ImageNode(name, "unknown", null, inputs));
                }
            }
            Collections.shuffle(out, r);
            return out;
        }));
    }

    private static boolean reaches(LineageGraph g, String from, String to) {
        Deque<String> todo = new ArrayDeque<>(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            String at = todo.pop();
            if (at.equals(to)) return true;
            if (seen.add(at)) todo.addAll(g.dependencies(at));
        }
        return false;
    }

    private static int levelIndex(List<List<String>> levels, String name) {
        for (int i = 0; i < levels.size(); i++) if (levels.get(i).contains(name)) return i;
        return -1;
    }
}
