package io.wolfpack.core.schedule;

import io.wolfpack.core.spec.PlacementConstraint;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.ServiceSpec;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides where new instances of a service go. A pure function of a read-only snapshot: it returns
 * a {@link Plan} and writes nothing; the caller applies the plan against fresh state.
 *
 * <p>Each call works in three steps. Every node runs the feasibility chain once; the first veto is
 * remembered for the explanation. Feasible nodes go into {@link Candidates}, ranked by the weights
 * in {@link Ranking}. Then instances are placed one at a time on the best node, whose usage, rank
 * and feasibility are updated before the next pick, so placements in one call see each other.
 * When no node is left the plan says why, with every node's first veto grouped and counted.
 *
 * <p>Stateless and safe to share between threads. Cost per call is O(nodes) over primitive columns
 * plus O(count × (zones + log nodes)); see {@link ClusterSnapshot#withPlan} for scheduling many
 * services in one pass.
 */
public final class Scheduler {
    /**
     * The feasibility chain, in order. Node state first: an unready node is out whatever the spec
     * says, and that is what the operator should read. Constraints next, because they never change
     * for this spec, so they outrank a shortage that may pass. Then cpu, memory and host ports, the
     * shortages that placements in this call can create.
     */
    private static final FeasibilityCheck[] CHECKS = {
            new NodeStateCheck(),
            new ConstraintCheck(),
            new CpuCheck(),
            new MemoryCheck(),
            new HostPortCheck(),
    };

    public Plan schedule(ClusterSnapshot snapshot, PlacementRequest request) {
        ServiceSpec spec = request.spec();
        int count = request.count();
        if (count == 0) return new Plan(List.of(), 0, null);
        List<PlacementConstraint> constraints;
        try {
            constraints = spec.placement().constraints().stream().map(PlacementConstraint::parse).toList();
        } catch (IllegalArgumentException e) {
            // A stored spec that slipped past validation still gets a readable "no", not a crashed loop.
            return new Plan(List.of(), count, e.getMessage());
        }
        List<String> spreadLabels = spreadLabels(spec);
        NodeList nodes = (NodeList) snapshot.nodes();
        NodeIndex index = nodes.borrowIndex();
        try {
            WorkingState w = new WorkingState(index, snapshot.portRange(), spec, constraints, spreadLabels);
            return place(w, Ranking.forSpec(spec.placement(), spreadLabels), count);
        } finally {
            nodes.offerIndex(index);
        }
    }

    private static Plan place(WorkingState w, Ranking ranking, int count) {
        Candidates candidates = new Candidates(w, ranking);

        Veto[] vetoes = new Veto[w.size()];
        int[] feasible = new int[w.size()];
        int fitting = 0;
        for (int i = 0; i < w.size(); i++) {
            Veto veto = firstVeto(w, i);
            if (veto == null) feasible[fitting++] = i;
            else vetoes[i] = veto;
        }
        candidates.build(feasible, fitting);

        List<Placement> placements = new ArrayList<>(Math.min(count, 1024));
        while (placements.size() < count) {
            int i = candidates.best();
            if (i < 0) break;
            placements.add(placeOn(w, i));
            Veto veto = firstVeto(w, i);
            if (veto == null) {
                candidates.update(i);
            } else {
                vetoes[i] = veto;
                candidates.remove(i);
            }
        }
        int unplaced = count - placements.size();
        String explanation = unplaced == 0 ? null : Explanation.of(w.size(), candidates.size(), vetoes);
        return new Plan(placements, unplaced, explanation);
    }

    private static Veto firstVeto(WorkingState w, int node) {
        for (FeasibilityCheck check : CHECKS) {
            Optional<Veto> veto = check.check(w, node);
            if (veto.isPresent()) return veto.get();
        }
        return null;
    }

    private static Placement placeOn(WorkingState w, int node) {
        String name = w.name(node);
        List<PortSpec> ports = w.ports;
        int[] hostPorts = PortAllocator.allocate(w.range, p -> w.portTaken(node, p), name, w.service,
                w.instances(node), ports.size());
        w.place(node, hostPorts);
        if (hostPorts.length == 0) return new Placement(name, Map.of());
        Map<String, Integer> byName = new HashMap<>(ports.size() * 2);
        for (int k = 0; k < hostPorts.length; k++) byName.put(ports.get(k).name(), hostPorts[k]);
        return new Placement(name, byName);
    }

    /** The spread entries that name labels; "node" is node spread, handled by the node scorers. */
    private static List<String> spreadLabels(ServiceSpec spec) {
        Set<String> labels = new LinkedHashSet<>(spec.placement().spread());
        labels.remove("node");
        return List.copyOf(labels);
    }
}
