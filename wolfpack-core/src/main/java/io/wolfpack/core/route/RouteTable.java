package io.wolfpack.core.route;

import java.util.List;

/** Everything a router serves. {@code version} grows with every change so routers can long-poll. */
public record RouteTable(long version, List<Route> routes) {
    public static final RouteTable EMPTY = new RouteTable(0, List.of());

    public RouteTable {
        routes = routes == null ? List.of() : List.copyOf(routes);
    }
}
