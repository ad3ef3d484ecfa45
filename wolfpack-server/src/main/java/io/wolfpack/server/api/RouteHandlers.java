package io.wolfpack.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import io.wolfpack.core.api.RouteDefinitionView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.RouteDefinition;
import io.wolfpack.core.spec.RouteDefinition.RouteBackend;
import io.wolfpack.core.spec.RouteDefinitions;
import io.wolfpack.core.spec.SpecParser;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterMirror.Versioned;
import io.wolfpack.store.ClusterStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** /v1/route-definitions: route files applied, listed, re-weighted and removed. */
final class RouteHandlers {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);

    private final ClusterStore store;
    private final EventLog events;

    RouteHandlers(ClusterStore store, EventLog events) {
        this.store = store;
        this.events = events;
    }

    void list(Context ctx) {
        ClusterMirror mirror = store.mirror();
        ctx.json(mirror.routes().values().stream().map(Versioned::value)
                .sorted(Comparator.comparing(RouteDefinition::name))
                .map(r -> new RouteDefinitionView(r, warnings(r))).toList());
    }

    void get(Context ctx) {
        RouteDefinition route = find(ctx.pathParam("name")).value();
        ctx.json(new RouteDefinitionView(route, warnings(route)));
    }

    /** Creates or replaces the route named in the body; 201 when new, 200 otherwise (also when unchanged). */
    void apply(Context ctx) throws InterruptedException {
        RouteDefinition route = RouteDefinitions.parse(ctx.bodyAsBytes(), SpecParser.Format.fromContentType(ctx.contentType()));
        Versioned<RouteDefinition> existing = store.mirror().route(route.name());
        if (existing != null && existing.value().equals(route)) {
            ctx.json(new RouteDefinitionView(route, warnings(route)));
            return;
        }
        store.putRoute(route, existing == null ? -1 : existing.version());
        events.emit(existing == null ? "route.created" : "route.updated", null, null, null,
                route.name() + " (" + route.host() + route.path() + "): " + describe(route));
        awaitMirror(route.name(), route);
        ctx.status(existing == null ? 201 : 200).json(new RouteDefinitionView(route, warnings(route)));
    }

    /** Body: {"web": 50, "legacy": 50}. Backends not named keep their weight. */
    void weights(Context ctx) throws InterruptedException {
        Versioned<RouteDefinition> existing = find(ctx.pathParam("name"));
        Map<String, Integer> weights;
        try {
            weights = Json.MAPPER.readValue(ctx.bodyAsBytes(), new TypeReference<Map<String, Integer>>() { });
        } catch (java.io.IOException | RuntimeException e) {
            throw new HttpProblem(400, "the body must be a JSON object of backend names to whole-number weights,"
                    + " e.g. {\"web\": 50, \"legacy\": 50}: " + ServiceHandlers.rootMessage(e));
        }
        RouteDefinition changed = RouteDefinitions.withWeights(existing.value(), weights);
        if (!changed.equals(existing.value())) {
            store.putRoute(changed, existing.version());
            events.emit("route.weights", null, null, null, changed.name() + ": " + weightsOf(existing.value())
                    + " → " + weightsOf(changed));
            awaitMirror(changed.name(), changed);
        }
        ctx.json(new RouteDefinitionView(changed, warnings(changed)));
    }

    void remove(Context ctx) throws InterruptedException {
        Versioned<RouteDefinition> existing = find(ctx.pathParam("name"));
        store.deleteRoute(existing.value().name(), existing.version());
        events.emit("route.removed", null, null, null, existing.value().name() + " (" + existing.value().host()
                + existing.value().path() + ")");
        awaitMirror(existing.value().name(), null);
        ctx.status(204);
    }

    private Versioned<RouteDefinition> find(String name) {
        Versioned<RouteDefinition> route = store.mirror().route(name);
        if (route != null) return route;
        Versioned<ServiceRecord> svc = store.mirror().service(name);
        if (svc != null && svc.value().spec().route() != null) {
            throw HttpProblem.notFound("route '" + name + "' comes from the route: section of service " + name
                    + "'s spec, which always has the one backend; to split its traffic, apply a route file named "
                    + name + " (wolfpack route apply -f FILE), which takes its place");
        }
        List<String> names = store.mirror().routes().keySet().stream().sorted().toList();
        throw HttpProblem.notFound("no route file named '" + name + "'" + (names.isEmpty() ? "; none is applied"
                : "; route files: " + String.join(", ", names)));
    }

    private void awaitMirror(String name, RouteDefinition expected) throws InterruptedException {
        store.mirror().await(() -> {
            Versioned<RouteDefinition> now = store.mirror().route(name);
            return expected == null ? now == null : now != null && now.value().equals(expected);
        }, READ_YOUR_WRITE);
    }

    /** What the operator may want to know: backends that will get no traffic as things stand. */
    private List<String> warnings(RouteDefinition route) {
        List<String> out = new ArrayList<>();
        ClusterMirror mirror = store.mirror();
        for (RouteBackend b : route.backends()) {
            if (b.isStatic()) continue;
            Versioned<ServiceRecord> svc = mirror.service(b.service());
            if (svc == null) {
                out.add("backend " + b.name() + ": no service named " + b.service() + " (yet); it gets no traffic until one is deployed");
                continue;
            }
            List<String> ports = svc.value().spec().ports().stream().map(PortSpec::name).toList();
            if (b.port() != null && !ports.contains(b.port())) {
                out.add("backend " + b.name() + ": service " + b.service() + " declares no port '" + b.port() + "'"
                        + " (ports: " + String.join(", ", ports) + ")");
            } else if (b.port() == null && svc.value().spec().route() == null && ports.size() != 1) {
                out.add("backend " + b.name() + ": service " + b.service() + " has " + ports.size()
                        + " ports and no route:, so say which with port: (ports: " + String.join(", ", ports) + ")");
            }
        }
        for (Versioned<ServiceRecord> v : mirror.services().values()) {
            var shorthand = v.value().spec().route();
            if (shorthand == null) continue;
            boolean sameName = v.value().name().equals(route.name());
            boolean samePlace = shorthand.host().equals(route.host()) && shorthand.path().equals(route.path());
            if (sameName || samePlace) {
                out.add("overrides the route: section of service " + v.value().name() + " (" + shorthand.host() + shorthand.path() + ")");
            }
        }
        return out;
    }

    static String weightsOf(RouteDefinition route) {
        return route.backends().stream().map(b -> b.name() + "=" + b.weight()).collect(Collectors.joining(" "));
    }

    private static String describe(RouteDefinition route) {
        return route.backends().stream().map(b -> b.name() + "=" + b.weight()
                + (b.isStatic() ? " (" + b.addresses().size() + " static)" : " (service " + b.service()
                + (b.revision() == null ? "" : " revision " + b.revision()) + ")"))
                .collect(Collectors.joining(", "));
    }
}
