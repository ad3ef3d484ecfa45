package io.wolfpack.core.route;

import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.spec.ByteSize;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.wolfpack.core.reconcile.Fixtures.instance;
import static io.wolfpack.core.reconcile.Fixtures.record;
import static io.wolfpack.core.reconcile.Fixtures.running;
import static io.wolfpack.core.reconcile.Fixtures.state;
import static org.assertj.core.api.Assertions.assertThat;

class RouteTableBuilderTest {
    private static final NodeInfo N1 = new NodeInfo("n1", "10.0.0.1", 2, ByteSize.parse("4Gi"), Map.of(), "20.10", "0.1", null);

    @Test
    void onlyRoutableInstancesOfThePlacedRevisionBecomeEndpoints() {
        Instance healthy = instance("web-a", "web", 1, "n1", 1);
        Instance failing = instance("web-b", "web", 1, "n1", 2);
        Instance starting = instance("web-c", "web", 1, "n1", 3);
        Instance staleStatus = instance("web-d", "web", 2, "n1", 4);
        Map<String, InstanceStatus> st = Map.of(
                "web-a", running(healthy, Health.PASSING),
                "web-b", running(failing, Health.FAILING),
                "web-c", state(starting, InstanceState.STARTING),
                "web-d", running(instance("web-d", "web", 1, "n1", 4), Health.PASSING));
        List<Route> routes = RouteTableBuilder.build(List.of(record("web", 4, 1)),
                Map.of("web", Map.of("web-a", healthy, "web-b", failing, "web-c", starting, "web-d", staleStatus)),
                Map.of("web", st), Map.of("n1", N1));
        assertThat(routes).hasSize(1);
        Route r = routes.get(0);
        assertThat(r.host()).isEqualTo("web.local");
        assertThat(r.backends()).singleElement().satisfies(b ->
                assertThat(b.endpoints()).containsExactly(new Endpoint("10.0.0.1", 20001, "web-a")));
    }

    @Test
    void instancesOnASilentNodeGetNoTraffic() {
        Instance a = instance("web-a", "web", 1, "n1", 1);
        List<Route> routes = RouteTableBuilder.build(List.of(record("web", 1, 1)), Map.of("web", Map.of("web-a", a)),
                Map.of("web", Map.of("web-a", running(a, Health.PASSING))), Map.of("n1", N1), java.util.Set.of("n1"), List.of());
        assertThat(routes.get(0).backends().get(0).endpoints()).isEmpty();
    }

    @Test
    void instancesWithoutACheckAreRoutableWhenRunning() {
        Instance a = instance("web-a", "web", 1, "n1", 1);
        List<Route> routes = RouteTableBuilder.build(List.of(record("web", 1, 1)), Map.of("web", Map.of("web-a", a)),
                Map.of("web", Map.of("web-a", running(a, Health.NONE))), Map.of("n1", N1));
        assertThat(routes.get(0).backends().get(0).endpoints()).hasSize(1);
    }

    @Test
    void servicesWithoutARouteAreLeftOut() {
        var rec = record("worker", 1, 1);
        var noRoute = new io.wolfpack.core.model.ServiceRecord(new io.wolfpack.core.spec.ServiceSpec("worker", "w:1", 1,
                null, null, null, null, null, null, null, null), 1, rec.createdAt(), rec.updatedAt());
        assertThat(RouteTableBuilder.build(List.of(noRoute), Map.of(), Map.of(), Map.of())).isEmpty();
    }

    private static io.wolfpack.core.spec.RouteDefinition file(String yaml) {
        return io.wolfpack.core.spec.RouteDefinitions.parse(yaml, io.wolfpack.core.spec.SpecParser.Format.YAML);
    }

    @Test
    void aRouteFileSplitsBetweenAServiceAndStaticBackendsAndReplacesTheShorthand() {
        Instance a = instance("web-a", "web", 1, "n1", 1);
        var def = file("""
                name: web-split
                host: web.local
                timeout: 5s
                backends:
                  - {service: web, weight: 33}
                  - {name: legacy, static: ["192.168.1.5:9001", "[::1]:9002"], weight: 67}
                """);
        List<Route> routes = RouteTableBuilder.build(List.of(record("web", 1, 1)), Map.of("web", Map.of("web-a", a)),
                Map.of("web", Map.of("web-a", running(a, Health.PASSING))), Map.of("n1", N1), java.util.Set.of(), List.of(def));
        // web.local/ is claimed by the route file: the service's own route: is not served beside it.
        assertThat(routes).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("web-split");
            assertThat(r.timeoutMillis()).isEqualTo(5000);
            assertThat(r.backends()).containsExactly(
                    new Backend("web", 33, List.of(new Endpoint("10.0.0.1", 20001, "web-a"))),
                    new Backend("legacy", 67, List.of(new Endpoint("192.168.1.5", 9001, null), new Endpoint("::1", 9002, null))));
        });
    }

    @Test
    void aRevisionBackendTakesOnlyThatRevisionsInstances() {
        Instance stable = instance("web-a", "web", 1, "n1", 1);
        Instance canary = instance("web-b", "web", 2, "n1", 2);
        var def = file("""
                name: other
                host: canary.local
                backends: [{service: web, revision: 2, weight: 10}, {service: web, revision: 1, weight: 90}]
                """);
        List<Route> routes = RouteTableBuilder.build(List.of(record("web", 2, 2)),
                Map.of("web", Map.of("web-a", stable, "web-b", canary)),
                Map.of("web", Map.of("web-a", running(stable, Health.PASSING), "web-b", running(canary, Health.PASSING))),
                Map.of("n1", N1), java.util.Set.of(), List.of(def));
        // Different host and name: the shorthand route stays too.
        assertThat(routes).extracting(Route::name).containsExactly("other", "web");
        Route other = routes.get(0);
        assertThat(other.backends().get(0).endpoints()).extracting(Endpoint::instance).containsExactly("web-b");
        assertThat(other.backends().get(1).endpoints()).extracting(Endpoint::instance).containsExactly("web-a");
    }

    @Test
    void aBackendForAMissingServiceHasNoEndpoints() {
        var def = file("name: x\nhost: x.local\nbackends: [{service: ghost}]\n");
        List<Route> routes = RouteTableBuilder.build(List.of(), Map.of(), Map.of(), Map.of(), java.util.Set.of(), List.of(def));
        assertThat(routes.get(0).backends().get(0).endpoints()).isEmpty();
    }
}
