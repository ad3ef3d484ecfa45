package io.wolfpack.core.route;

import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.RouteSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Builds the routes routers serve from desired and observed state: one route per service that
 * declares {@code route:}, whose endpoints are its routable instances (running, health passing or
 * no check, status of the placed revision) at their node's address and allocated host port.
 */
public final class RouteTableBuilder {
    /** Upstream response timeout for routes that do not set one. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;

    private RouteTableBuilder() {
    }

    public static List<Route> build(Collection<ServiceRecord> services, Map<String, Map<String, Instance>> instancesByService,
                                    Map<String, Map<String, InstanceStatus>> statusesByService, Map<String, NodeInfo> nodes) {
        return build(services, instancesByService, statusesByService, nodes, java.util.Set.of());
    }

    /** As above; instances on {@code silentNodes} (suspect or down: no recent heartbeat) get no traffic. */
    public static List<Route> build(Collection<ServiceRecord> services, Map<String, Map<String, Instance>> instancesByService,
                                    Map<String, Map<String, InstanceStatus>> statusesByService, Map<String, NodeInfo> nodes,
                                    java.util.Set<String> silentNodes) {
        List<Route> routes = new ArrayList<>();
        for (ServiceRecord svc : services) {
            RouteSpec route = svc.spec().route();
            if (route == null) continue;
            Map<String, InstanceStatus> statuses = statusesByService.getOrDefault(svc.name(), Map.of());
            List<Endpoint> endpoints = new ArrayList<>();
            for (Instance i : instancesByService.getOrDefault(svc.name(), Map.of()).values()) {
                InstanceStatus s = statuses.get(i.id());
                NodeInfo node = nodes.get(i.node());
                Integer port = i.hostPorts().get(route.port());
                if (s == null || node == null || port == null || silentNodes.contains(i.node())) continue;
                if (s.revision() != i.revision() || !s.node().equals(i.node()) || !s.routable()) continue;
                endpoints.add(new Endpoint(node.address(), port, i.id()));
            }
            endpoints.sort(Comparator.comparing(Endpoint::instance));
            routes.add(new Route(svc.name(), route.host(), route.path(), DEFAULT_TIMEOUT_MILLIS,
                    List.of(new Backend(svc.name(), 100, endpoints))));
        }
        routes.sort(Comparator.comparing(Route::name));
        return routes;
    }
}
