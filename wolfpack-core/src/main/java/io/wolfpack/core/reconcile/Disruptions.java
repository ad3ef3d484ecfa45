package io.wolfpack.core.reconcile;

import java.util.Set;

/**
 * What, beyond the spec, makes instances move: nodes being drained, nodes gone quiet (suspect) or
 * confirmed down, and single instances that stay unhealthy on their node.
 *
 * @param draining nodes being drained: their instances are replaced like those of an old revision
 * @param suspect  nodes without recent heartbeats: their instances are replaced at once, and kept
 *                 until the replacements serve (they get no traffic meanwhile)
 * @param lost     nodes confirmed down: their instances are removed at once and replaced elsewhere
 *                 (if such a node comes back, its agent finds them unassigned and stops them)
 * @param replace  instance IDs that keep failing where they are: each is replaced by a new instance
 *                 (placed while the old one still counts, so spread steers it to another node)
 */
public record Disruptions(Set<String> draining, Set<String> suspect, Set<String> lost, Set<String> replace) {
    public static final Disruptions NONE = new Disruptions(Set.of(), Set.of(), Set.of(), Set.of());

    public Disruptions {
        draining = Set.copyOf(draining);
        suspect = Set.copyOf(suspect);
        lost = Set.copyOf(lost);
        replace = Set.copyOf(replace);
    }
}
