package io.wolfpack.router;

import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A route table prepared for serving: the matcher and one picker per route. Built once per table
 * version and swapped in whole, so a request sees one consistent table from match to pick.
 */
final class CompiledTable {
    private final RouteTable table;
    private final RouteMatcher matcher;
    private final Map<Route, BackendPicker> pickers; // by identity: Route equality is deep and slow

    private CompiledTable(RouteTable table, RouteMatcher matcher, Map<Route, BackendPicker> pickers) {
        this.table = table;
        this.matcher = matcher;
        this.pickers = pickers;
    }

    static CompiledTable compile(RouteTable table) {
        Map<Route, BackendPicker> pickers = new IdentityHashMap<>();
        for (Route r : table.routes()) pickers.put(r, BackendPicker.of(r));
        return new CompiledTable(table, RouteMatcher.of(table), pickers);
    }

    RouteTable table() {
        return table;
    }

    RouteMatcher matcher() {
        return matcher;
    }

    BackendPicker picker(Route route) {
        return pickers.get(route);
    }

    int endpointCount() {
        int n = 0;
        for (Route r : table.routes()) {
            for (Backend b : r.backends()) n += b.endpoints().size();
        }
        return n;
    }

    /** Names of routes that would answer 503 now, for the table-change log line. */
    List<String> routesWithoutEndpoints() {
        List<String> names = new ArrayList<>();
        for (Route r : table.routes()) {
            if (pickers.get(r).isEmpty()) names.add(r.name());
        }
        return names;
    }

    /** "route table v12: 3 routes, 9 endpoints" (plus the routes that have no endpoint). */
    String summary() {
        List<String> empty = routesWithoutEndpoints();
        return "route table v" + table.version() + ": " + table.routes().size() + " routes, " + endpointCount()
                + " endpoints" + (empty.isEmpty() ? "" : "; no healthy endpoint for " + String.join(", ", empty));
    }
}
