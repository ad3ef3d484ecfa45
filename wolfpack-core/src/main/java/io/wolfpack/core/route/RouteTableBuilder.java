package io.wolfpack.core.route;

import io.wolfpack.core.model.CanaryState;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.RouteDefinition;
import io.wolfpack.core.spec.RouteDefinition.RouteBackend;
import io.wolfpack.core.spec.RouteSpec;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.UpdateSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Builds the routes routers serve from desired and observed state. Two sources:
 * <ul>
 *   <li>route files ({@link RouteDefinition}): weighted backends, each a service (optionally one
 *       revision of it) or a static host:port list;</li>
 *   <li>the {@code route:} shorthand of a service spec: one route named after the service with
 *       the service as its only backend, unless a route file has the same name or the same host
 *       and path, in which case the route file wins.</li>
 * </ul>
 * A service backend's endpoints are its routable instances (running, health passing or no
 * check, status of the placed revision, node not silent, not being retired) at their node's
 * address and host port.
 */
public final class RouteTableBuilder {
    /** Upstream response timeout for routes that do not set one. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 30_000;
    /** The weight of a shorthand route's only backend; any positive number would do. */
    static final int SHORTHAND_WEIGHT = 100;

    private final Map<String, ServiceRecord> services = new HashMap<>();
    private final Map<String, Map<String, Instance>> instancesByService;
    private final Map<String, Map<String, InstanceStatus>> statusesByService;
    private final Function<String, NodeInfo> nodes;
    private final Set<String> silentNodes;

    private RouteTableBuilder(Collection<ServiceRecord> services, Map<String, Map<String, Instance>> instancesByService,
                              Map<String, Map<String, InstanceStatus>> statusesByService, Function<String, NodeInfo> nodes,
                              Set<String> silentNodes) {
        services.forEach(s -> this.services.put(s.name(), s));
        this.instancesByService = instancesByService;
        this.statusesByService = statusesByService;
        this.nodes = nodes;
        this.silentNodes = silentNodes;
    }

    public static List<Route> build(Collection<ServiceRecord> services, Map<String, Map<String, Instance>> instancesByService,
                                    Map<String, Map<String, InstanceStatus>> statusesByService, Map<String, NodeInfo> nodes) {
        return build(services, instancesByService, statusesByService, nodes, Set.of(), List.of());
    }

    /**
     * @param silentNodes suspect or down nodes (no recent heartbeat): their instances get no traffic
     * @param definitions the route files applied
     */
    public static List<Route> build(Collection<ServiceRecord> services, Map<String, Map<String, Instance>> instancesByService,
                                    Map<String, Map<String, InstanceStatus>> statusesByService, Map<String, NodeInfo> nodes,
                                    Set<String> silentNodes, Collection<RouteDefinition> definitions) {
        RouteTableBuilder b = new RouteTableBuilder(services, instancesByService, statusesByService, nodes::get, silentNodes);
        List<Route> shorthands = new ArrayList<>();
        for (ServiceRecord svc : services) {
            Route r = b.shorthand(svc);
            if (r != null) shorthands.add(r);
        }
        return merge(b.fromFiles(definitions), shorthands);
    }

    // The table in parts, so that a publisher can keep each service's route and rebuild only the
    // services that changed: build = merge(fileRoutes(...), shorthand(...) of every service).

    /**
     * The {@code route:} shorthand of one service, or null if it has none; a route file may still
     * take its place ({@link #merge}).
     */
    public static Route shorthandRoute(ServiceRecord svc, Map<String, Instance> instances, Map<String, InstanceStatus> statuses,
                                       Function<String, NodeInfo> nodes, Set<String> silentNodes) {
        if (svc.spec().route() == null) return null;
        return new RouteTableBuilder(List.of(svc), Map.of(svc.name(), instances), Map.of(svc.name(), statuses), nodes, silentNodes)
                .shorthand(svc);
    }

    /** The routes of route files; {@code services} etc. need hold only the services the files name. */
    public static List<Route> fileRoutes(Collection<RouteDefinition> definitions, Collection<ServiceRecord> services,
                                         Map<String, Map<String, Instance>> instancesByService,
                                         Map<String, Map<String, InstanceStatus>> statusesByService,
                                         Function<String, NodeInfo> nodes, Set<String> silentNodes) {
        return new RouteTableBuilder(services, instancesByService, statusesByService, nodes, silentNodes).fromFiles(definitions);
    }

    /** Route files' routes and the shorthands no file claims (same name, or same host and path), sorted by name. */
    public static List<Route> merge(Collection<Route> fileRoutes, Collection<Route> shorthands) {
        List<Route> routes = new ArrayList<>(fileRoutes);
        Set<String> names = new HashSet<>();
        Set<String> claimed = new HashSet<>();
        for (Route r : fileRoutes) {
            names.add(r.name());
            claimed.add(r.host() + r.path());
        }
        for (Route r : shorthands) {
            if (!names.contains(r.name()) && !claimed.contains(r.host() + r.path())) routes.add(r);
        }
        routes.sort(Comparator.comparing(Route::name));
        return routes;
    }

    private List<Route> fromFiles(Collection<RouteDefinition> definitions) {
        List<Route> routes = new ArrayList<>();
        for (RouteDefinition d : definitions) routes.add(fromFile(d));
        return routes;
    }

    private Route shorthand(ServiceRecord svc) {
        RouteSpec route = svc.spec().route();
        if (route == null) return null;
        return new Route(svc.name(), route.host(), route.path(), DEFAULT_TIMEOUT_MILLIS, shorthandBackends(svc, route));
    }

    /**
     * The service as one backend; during a canary, two: the canary revision at exactly its weight
     * and every older revision (the stable one) at the rest, whatever their instance counts.
     */
    private List<Backend> shorthandBackends(ServiceRecord svc, RouteSpec route) {
        CanaryState canary = svc.splittingCanary();
        UpdateSpec.Canary split = svc.spec().update().canary();
        List<Endpoint> all = endpoints(svc.name(), route.port(), null);
        if (canary == null || split == null) return List.of(new Backend(svc.name(), SHORTHAND_WEIGHT, all));
        List<Endpoint> fresh = endpoints(svc.name(), route.port(), svc.revision());
        List<Endpoint> stable = new ArrayList<>(all);
        stable.removeAll(fresh);
        return List.of(new Backend(canaryBackend(svc.name(), canary.stable()), 100 - split.weight(), stable),
                new Backend(canaryBackend(svc.name(), svc.revision()), split.weight(), fresh));
    }

    /** The backend name of one revision of a service during a canary, e.g. web-r4. */
    public static String canaryBackend(String service, long revision) {
        return service + "-r" + revision;
    }

    private Route fromFile(RouteDefinition d) {
        List<Backend> backends = new ArrayList<>();
        for (RouteBackend b : d.backends()) {
            List<Endpoint> endpoints = b.isStatic() ? staticEndpoints(b.addresses())
                    : endpoints(b.service(), portOf(b), b.revision());
            backends.add(new Backend(b.name(), b.weight(), endpoints));
        }
        long timeout = d.timeout() == null ? DEFAULT_TIMEOUT_MILLIS : d.timeout().millis();
        return new Route(d.name(), d.host(), d.path(), timeout, backends);
    }

    /** The port a service backend sends to: named, else the service's route port, else its only port; null if none fits. */
    private String portOf(RouteBackend b) {
        if (b.port() != null) return b.port();
        ServiceRecord svc = services.get(b.service());
        if (svc == null) return null;
        ServiceSpec spec = svc.spec();
        if (spec.route() != null) return spec.route().port();
        List<PortSpec> ports = spec.ports();
        return ports.size() == 1 ? ports.get(0).name() : null;
    }

    private List<Endpoint> endpoints(String service, String portName, Long revision) {
        if (portName == null) return List.of();
        Map<String, InstanceStatus> statuses = statusesByService.getOrDefault(service, Map.of());
        List<Endpoint> endpoints = new ArrayList<>();
        for (Instance i : instancesByService.getOrDefault(service, Map.of()).values()) {
            if (i.retiring() || (revision != null && i.revision() != revision)) continue;
            InstanceStatus s = statuses.get(i.id());
            NodeInfo node = nodes.apply(i.node());
            Integer port = i.hostPorts().get(portName);
            if (s == null || node == null || port == null || silentNodes.contains(i.node())) continue;
            if (s.revision() != i.revision() || !s.node().equals(i.node()) || !s.routable()) continue;
            endpoints.add(new Endpoint(node.address(), port, i.id()));
        }
        endpoints.sort(Comparator.comparing(Endpoint::instance));
        return endpoints;
    }

    private static List<Endpoint> staticEndpoints(List<String> addresses) {
        List<Endpoint> out = new ArrayList<>();
        for (String a : addresses) {
            int colon = a.lastIndexOf(':');
            String host = a.substring(0, colon);
            if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
            out.add(new Endpoint(host, Integer.parseInt(a.substring(colon + 1)), null));
        }
        return out;
    }
}
