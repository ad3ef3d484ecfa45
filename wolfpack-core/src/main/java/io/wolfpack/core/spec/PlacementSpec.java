package io.wolfpack.core.spec;

import java.util.List;

/**
 * Where instances may run. {@code spread} lists what to spread over ("node", or a node label such
 * as "zone"); {@code constraints} are label rules such as "zone == a" or "zone != c";
 * {@code binpack} packs instances onto the fullest nodes that fit instead of spreading.
 */
public record PlacementSpec(List<String> spread, List<String> constraints, boolean binpack) {
    public static final PlacementSpec DEFAULT = new PlacementSpec(List.of("node"), List.of(), false);

    public PlacementSpec {
        spread = spread == null ? List.of("node") : List.copyOf(spread);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }
}
