package io.wolfpack.core.image;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which image is built on which: an edge from an image to every graph image it builds on (its
 * base and its inputs). Acyclic by construction, so it can always be built level by level. A base
 * or input that names no image of the graph is external: it stays on the node but makes no edge.
 * Immutable; every list and set it returns is sorted, so output is the same run to run.
 */
public final class LineageGraph {
    private final Map<String, ImageNode> nodes;
    private final Map<String, List<String>> dependencies;
    private final Map<String, List<String>> children;
    private final Map<String, Integer> levelOf;
    private final List<List<String>> levels;

    private LineageGraph(Map<String, ImageNode> nodes, Map<String, List<String>> dependencies) {
        this.nodes = nodes;
        this.dependencies = dependencies;
        this.children = invert(dependencies);
        this.levels = levels(dependencies, nodes.keySet());
        this.levelOf = new HashMap<>();
        for (int i = 0; i < levels.size(); i++) {
            for (String name : levels.get(i)) levelOf.put(name, i);
        }
    }

    /**
     * Builds the graph; a base naming an unknown image becomes the node's external base.
     *
     * @throws IllegalArgumentException on two nodes with one name, or on a cycle (named in the message)
     */
    public static LineageGraph of(Collection<ImageNode> given) {
        Map<String, ImageNode> byName = new TreeMap<>();
        for (ImageNode n : given) {
            if (byName.put(n.name(), n) != null) throw new IllegalArgumentException("image '" + n.name() + "' is given twice");
        }
        Map<String, ImageNode> nodes = new TreeMap<>();
        Map<String, List<String>> deps = new TreeMap<>();
        for (ImageNode n : byName.values()) {
            ImageNode node = n.base() != null && !byName.containsKey(n.base())
                    ? new ImageNode(n.name(), null, n.base(), n.inputs()) : n;
            nodes.put(node.name(), node);
            Set<String> d = new TreeSet<>();
            if (node.base() != null) d.add(node.base());
            for (String input : node.inputs()) {
                if (byName.containsKey(input)) d.add(input);
            }
            deps.put(node.name(), List.copyOf(d));
        }
        String cycle = findCycle(deps);
        if (cycle != null) {
            throw new IllegalArgumentException("image lineage has a cycle: " + cycle
                    + " ('a -> b' means a builds on b); change one FROM or COPY --from to break it");
        }
        return new LineageGraph(Collections.unmodifiableMap(nodes), Collections.unmodifiableMap(deps));
    }

    /**
     * Level 0 holds the images that build on no graph image; level n the images whose graph
     * bases and inputs all sit in levels below n, with at least one in level n - 1. Images of one
     * level do not depend on each other and can be built in parallel. Names sorted in each level.
     */
    public List<List<String>> buildLevels() {
        return levels;
    }

    /**
     * The same levelling restricted to {@code names}: edges to images outside the set are ignored,
     * so images that only wait on something not being rebuilt move up. Empty levels never appear.
     */
    public List<List<String>> levelsWithin(Collection<String> names) {
        Set<String> within = new TreeSet<>(names);
        within.forEach(this::require);
        Map<String, List<String>> sub = new TreeMap<>();
        for (String name : within) {
            sub.put(name, dependencies.get(name).stream().filter(within::contains).toList());
        }
        return levels(sub, within);
    }

    /** Every image built on {@code name}, directly or not, through bases and inputs; not {@code name} itself. */
    public Set<String> descendants(String name) {
        require(name);
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(children.getOrDefault(name, List.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) todo.addAll(children.getOrDefault(next, List.of()));
        }
        return Collections.unmodifiableSet(seen);
    }

    /** The images whose base or one of whose inputs is {@code name}. */
    public List<String> children(String name) {
        require(name);
        return children.getOrDefault(name, List.of());
    }

    /** The graph images {@code name} builds on: its base (when internal) and its internal inputs. */
    public List<String> dependencies(String name) {
        require(name);
        return dependencies.get(name);
    }

    /** The node, with an unknown base already moved to its external base. */
    public Optional<ImageNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    public int levelOf(String name) {
        require(name);
        return levelOf.get(name);
    }

    public Set<String> names() {
        return nodes.keySet();
    }

    public boolean contains(String name) {
        return nodes.containsKey(name);
    }

    private void require(String name) {
        if (!nodes.containsKey(name)) {
            throw new IllegalArgumentException("no image '" + name + "' in the lineage; images: " + String.join(", ", nodes.keySet()));
        }
    }

    private static Map<String, List<String>> invert(Map<String, List<String>> deps) {
        Map<String, Set<String>> kids = new TreeMap<>();
        deps.forEach((name, ds) -> ds.forEach(d -> kids.computeIfAbsent(d, k -> new TreeSet<>()).add(name)));
        Map<String, List<String>> out = new HashMap<>();
        kids.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    /** Kahn's algorithm in rounds: each round takes every image whose dependencies are all placed. */
    private static List<List<String>> levels(Map<String, List<String>> deps, Set<String> names) {
        List<List<String>> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> left = new TreeSet<>(names);
        while (!left.isEmpty()) {
            List<String> level = left.stream().filter(n -> placed.containsAll(deps.get(n))).toList();
            if (level.isEmpty()) throw new IllegalStateException("cycle among " + left); // of() rejects cycles first
            out.add(level);
            placed.addAll(level);
            level.forEach(left::remove);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Returns one cycle as "a -> b -> a", or null. Peels off images that can be placed; every image
     * left over then has a dependency that is also left over, so following those must loop.
     */
    private static String findCycle(Map<String, List<String>> deps) {
        Set<String> placed = new TreeSet<>();
        boolean progress = true;
        while (progress) {
            progress = false;
            for (var e : deps.entrySet()) {
                if (!placed.contains(e.getKey()) && placed.containsAll(e.getValue())) {
                    placed.add(e.getKey());
                    progress = true;
                }
            }
        }
        if (placed.size() == deps.size()) return null;
        List<String> path = new ArrayList<>();
        String at = deps.keySet().stream().filter(n -> !placed.contains(n)).findFirst().orElseThrow();
        while (!path.contains(at)) {
            path.add(at);
            at = deps.get(at).stream().filter(d -> !placed.contains(d)).findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        loop.add(at);
        return String.join(" -> ", loop);
    }
}
