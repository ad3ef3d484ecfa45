package io.wolfpack.core.spec;

import java.util.List;

/**
 * Where instances may run. {@code spread} lists what to spread over ("node", or a node label such
 * as "zone"); {@code constraints} are label rules such as "zone == a" or "zone != c";
 * {@code binpack} packs instances onto the fullest nodes that fit instead of spreading.
 */
public record PlacementSpec(List<String> spread, List<String> constraints, boolean binpack) {
    /**
     * Spread over nodes and zones unless told otherwise ("wolf-pack" placement): nodes without a
     * zone label all count as one zone, so the zone term changes nothing on a fleet without zones.
     */
    public static final List<String> DEFAULT_SPREAD = List.of("node", "zone");
    public static final PlacementSpec DEFAULT = new PlacementSpec(DEFAULT_SPREAD, List.of(), false);

    public PlacementSpec {
        spread = spread == null ? DEFAULT_SPREAD : List.copyOf(spread);
        constraints = constraints == null ? List.of() : List.copyOf(constraints);
    }
}
