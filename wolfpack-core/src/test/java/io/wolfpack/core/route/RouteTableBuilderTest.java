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
                Map.of("web", Map.of("web-a", running(a, Health.PASSING))), Map.of("n1", N1), java.util.Set.of("n1"));
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
}
