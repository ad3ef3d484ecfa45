package io.wolfpack.core.route;

import java.util.List;

/** A weighted share of a route: a Wolfpack service (or a static host list) and its live endpoints. */
public record Backend(String name, int weight, List<Endpoint> endpoints) {
    public Backend {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
    }
}
