package io.wolfpack.server.feed;

import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTableBuilder;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.RouteSpec;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.EmbeddedZooKeeper;
import io.wolfpack.store.ZkPaths;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feeds are updated from the changes alone (only the nodes and services concerned), yet
 * always end up equal to building them from the whole cluster. Real ZooKeeper and mirror.
 */
class FeedPublisherTest {
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");
    @TempDir
    Path dir;
    private EmbeddedZooKeeper zk;
    private ClusterStore store;
    private FeedPublisher feeds;
    private final Set<String> silent = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start() throws Exception {
        zk = EmbeddedZooKeeper.start(dir, "127.0.0.1", 0);
        store = new ClusterStore(zk.connectString());
        store.start(Duration.ofSeconds(30));
        store.putNode(node("n1", "10.0.0.1"));
        store.putNode(node("n2", "10.0.0.2"));
        service("web");
        service("api");
        store.mirror().await(() -> store.mirror().service("api") != null && store.mirror().node("n2") != null, Duration.ofSeconds(20));
        feeds = new FeedPublisher(store.mirror(), () -> Set.copyOf(silent));
        feeds.start();
    }

    @AfterEach
    void stop() {
        if (feeds != null) feeds.close();
        if (store != null) store.close();
        if (zk != null) zk.close();
    }

    @Test
    void placementsMovesAndStatusesReachOnlyTheFeedsConcerned() throws Exception {
        Instance a = instance("web-a", "web", "n1", 20001);
        store.batch().createInstance(a).commit();
        await(() -> ids(feeds.assignments("n1").current().value()).equals(List.of("web-a")));
        assertThat(feeds.assignments("n2").current().value()).isEmpty();

        store.putStatus(running(a));
        await(() -> Objects.equals(endpoints("web"), List.of(new Endpoint("10.0.0.1", 20001, "web-a"))));
        assertThat(endpoints("api")).isEmpty();

        // web-a goes, web-b comes on the other node: n1's list must lose what the mirror no longer has.
        Instance b = instance("web-b", "web", "n2", 20002);
        store.batch().deleteInstance("web", "web-a").createInstance(b).commit();
        await(() -> ids(feeds.assignments("n2").current().value()).equals(List.of("web-b")));
        await(() -> feeds.assignments("n1").current().value().isEmpty());
        await(() -> List.of().equals(endpoints("web")));

        store.putStatus(running(b));
        await(() -> Objects.equals(endpoints("web"), List.of(new Endpoint("10.0.0.2", 20002, "web-b"))));
        // A node's new address reaches the routes of the services on it.
        store.putNode(node("n2", "10.0.0.22"));
        await(() -> Objects.equals(endpoints("web"), List.of(new Endpoint("10.0.0.22", 20002, "web-b"))));
        assertThat(feeds.routes().current().value()).isEqualTo(fullBuild());
    }

    @Test
    void aNodeTurningSilentTakesItsEndpointsOutAndBack() throws Exception {
        Instance a = instance("api-a", "api", "n1", 20001);
        store.batch().createInstance(a).commit();
        store.putStatus(running(a));
        await(() -> endpoints("api") != null && endpoints("api").size() == 1);

        silent.add("n1");
        feeds.refresh();
        await(() -> List.of().equals(endpoints("api")));
        silent.remove("n1");
        feeds.refresh();
        await(() -> endpoints("api") != null && endpoints("api").size() == 1);
        assertThat(feeds.routes().current().value()).isEqualTo(fullBuild());
    }

    @Test
    void aRevisionArrivingAfterItsInstancesReachesEveryNodeHoldingThem() throws Exception {
        // Instances of revision 2 before the revision itself: no spec yet, so no assignment yet.
        Instance a = new Instance("web-a", "web", 2, "n1", Map.of("http", 20001), T0);
        Instance b = new Instance("web-b", "web", 2, "n2", Map.of("http", 20002), T0);
        store.batch().createInstance(a).createInstance(b).commit();
        store.mirror().await(() -> store.mirror().instancesOn("n2").size() == 1, Duration.ofSeconds(20));

        ClusterMirror.Versioned<ServiceRecord> v = store.mirror().service("web");
        ServiceSpec s = v.value().spec();
        ServiceSpec two = new ServiceSpec(s.name(), "registry.local/web:2", s.replicas(), s.command(), s.env(), s.resources(),
                s.ports(), s.health(), s.route(), s.placement(), s.update());
        store.batch().putRevision("web", 2, two, false).updateService(new ServiceRecord(two, 2, T0, T0), v.version()).commit();
        for (String n : List.of("n1", "n2")) {
            await(() -> feeds.assignments(n).current().value().size() == 1
                    && feeds.assignments(n).current().value().get(0).spec().image().equals("registry.local/web:2"));
        }
    }

    private void service(String name) {
        ServiceSpec spec = new ServiceSpec(name, "registry.local/" + name + ":1", 1, List.of(), Map.of(), null,
                List.of(new PortSpec("http", 8080)), null, new RouteSpec(name + ".local", "/", "http"), null, null);
        store.batch().folder(ZkPaths.instancesOf(name)).folder(ZkPaths.statusesOf(name))
                .putRevision(name, 1, spec, false).createService(new ServiceRecord(spec, 1, T0, T0)).commit();
    }

    private static NodeInfo node(String name, String address) {
        return new NodeInfo(name, address, 2, ByteSize.parse("4Gi"), Map.of(), "20.10", "0.1", null);
    }

    private static Instance instance(String id, String service, String node, int port) {
        return new Instance(id, service, 1, node, Map.of("http", port), T0);
    }

    private static InstanceStatus running(Instance i) {
        return new InstanceStatus(i.id(), i.service(), i.node(), i.revision(), InstanceState.RUNNING, Health.PASSING,
                "c-" + i.id(), 0, null, null, T0, null, null);
    }

    /** The endpoints of a route, or null while the table has no such route. */
    private List<Endpoint> endpoints(String route) {
        for (Route r : feeds.routes().current().value()) {
            if (r.name().equals(route)) return r.backends().get(0).endpoints();
        }
        return null;
    }

    private static List<String> ids(List<Assignment> list) {
        List<String> out = new ArrayList<>();
        list.forEach(a -> out.add(a.instance().id()));
        return out;
    }

    /** The table as built from the whole cluster at once. */
    private List<Route> fullBuild() {
        ClusterMirror m = store.mirror();
        List<ServiceRecord> services = new ArrayList<>();
        Map<String, Map<String, Instance>> instances = new HashMap<>();
        Map<String, Map<String, InstanceStatus>> statuses = new HashMap<>();
        m.services().values().forEach(v -> {
            services.add(v.value());
            instances.put(v.value().name(), m.instances(v.value().name()));
            statuses.put(v.value().name(), m.statuses(v.value().name()));
        });
        return RouteTableBuilder.build(services, instances, statuses, m.nodes(), Set.copyOf(silent), List.of());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not met within 20 s");
            Thread.sleep(10);
        }
    }
}
