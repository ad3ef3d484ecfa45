package io.wolfpack.server;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeAssignments;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.model.NodeReport;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.core.schedule.PortRange;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.FieldError;
import io.wolfpack.store.EmbeddedZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The control plane against a real embedded ZooKeeper, driven through its REST API. No Docker. */
class ServerApiTest {
    private static final String WEB = """
            name: web
            image: registry.local/web:1
            replicas: 3
            ports: [{name: http, container: 8080}]
            health: {http: {port: http, path: /}}
            route: {host: web.local, path: /, port: http}
            """;

    @TempDir
    Path dir;
    private EmbeddedZooKeeper zk;
    private WolfpackServer server;
    private ApiClient api;
    private String token;
    private String joinToken;

    @BeforeEach
    void start() throws Exception {
        zk = EmbeddedZooKeeper.start(dir.resolve("zk"), "127.0.0.1", 0);
        startServer();
    }

    private void startServer() throws Exception {
        token = TokenFile.loadOrCreate(dir);
        joinToken = TokenFile.loadOrCreate(dir, TokenFile.JOIN_NAME);
        server = new WolfpackServer(new ServerConfig("127.0.0.1", 0, dir, zk.connectString(), token, joinToken,
                PortRange.DEFAULT, NodeLiveness.DEFAULT, Duration.ofSeconds(5)));
        server.start();
        api = new ApiClient(server.url(), token);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (zk != null) zk.close();
    }

    @Test
    void tokenIsGeneratedOwnerOnlyAndRequired() throws Exception {
        assertThat(Files.getPosixFilePermissions(dir.resolve("token")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        assertThat(token).hasSize(64);

        assertThatThrownBy(() -> new ApiClient(server.url(), null).services())
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("missing cluster token").contains(dir.resolve("token").toString());
                });
        assertThatThrownBy(() -> new ApiClient(server.url(), "nope").services())
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.url() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("wolfpack_reconcile_seconds", "wolfpack_report_lag_seconds");
    }

    @Test
    void theJoinTokenOpensOnlyTheAgentAndRouterFeeds() throws Exception {
        ApiClient agent = new ApiClient(server.url(), joinToken);
        NodeInfo node = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        agent.report(new NodeReport(node, null, List.of()));
        assertThat(agent.assignments("n1", 0, Duration.ZERO).node()).isEqualTo("n1");
        assertThat(agent.routes(0, Duration.ZERO).routes()).isEmpty();
        assertThatThrownBy(agent::services).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(401));

        ApiClient impostor = new ApiClient(server.url(), "not-the-join-token");
        assertThatThrownBy(() -> impostor.report(new NodeReport(node, null, List.of())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("join token refused").contains(dir.resolve("join-token").toString());
                });
    }

    @Test
    void cordonAndDrainMoveWorkOffANode() {
        NodeInfo n1 = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        NodeInfo n2 = new NodeInfo("n2", "127.0.0.2", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        api.report(new NodeReport(n1, null, List.of()));
        api.report(new NodeReport(n2, null, List.of()));
        assertThat(api.cordon("n2").state().wire()).isEqualTo("cordoned");
        api.deploy(WEB.replace("health: {http: {port: http, path: /}}\n", ""), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.assignments("n1", 0, Duration.ZERO).assignments().size() == 3);
        assertThat(api.assignments("n2", 0, Duration.ZERO).assignments()).isEmpty();

        api.report(new NodeReport(n1, null, runningOn("n1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> api.service("web").healthy() == 3);

        // Drain n1: replacements go to n2 (uncordoned) and an old instance goes only once a new one serves.
        api.uncordon("n2");
        api.report(new NodeReport(n1, null, runningOn("n1")));
        assertThat(api.drain("n1").state().wire()).isEqualTo("draining");
        for (int round = 0; round < 30 && !api.assignments("n1", 0, Duration.ZERO).assignments().isEmpty(); round++) {
            api.report(new NodeReport(n2, null, runningOn("n2")));
            api.report(new NodeReport(n1, null, runningOn("n1")));
            long serving = api.service("web").healthy();
            assertThat(serving).as("healthy instances during the drain").isGreaterThanOrEqualTo(3);
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> true);
        }
        assertThat(api.assignments("n1", 0, Duration.ZERO).assignments()).isEmpty();
        assertThat(api.assignments("n2", 0, Duration.ZERO).assignments()).hasSize(3);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.events(0, Duration.ZERO, 1000).events())
                .extracting(e -> e.type()).contains("node.cordoned", "node.draining", "node.drained"));
        assertThatThrownBy(() -> api.drain("ghost")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void badSpecListsEveryProblemAndChangesNothing() {
        String bad = """
                name: Web
                image: registry.local/web:1
                replicas: -1
                resources: {memory: 64Q}
                ports: [{name: http, container: 8080}, {name: http, container: 8081}]
                health: {http: {port: admin}}
                colour: blue
                """;
        assertThatThrownBy(() -> api.deploy(bad, true)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.fields()).extracting(FieldError::path)
                    .contains("name", "replicas", "resources.memory", "ports[1].name", "health.http.port", "colour");
        });
        assertThatThrownBy(() -> api.deploy("name: [unclosed", true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        assertThat(api.services()).isEmpty();
        assertThat(api.events(0, Duration.ZERO, 100).events()).isEmpty();
    }

    @Test
    void unknownServiceIs404NamingIt() {
        assertThatThrownBy(() -> api.service("ghost")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.getMessage()).contains("ghost");
        });
        assertThatThrownBy(() -> api.scale("ghost", 2)).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
        assertThatThrownBy(() -> api.remove("ghost")).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void deployPlacesOnAReportingNodeAndRoutesHealthyInstances() throws Exception {
        NodeInfo node = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of("zone", "a"), "20.10", "test", null);
        api.report(new NodeReport(node, null, List.of()));

        ServiceView created = api.deploy(WEB, true);
        assertThat(created.revision()).isEqualTo(1);
        assertThat(created.desired()).isEqualTo(3);

        NodeAssignments assigned = await().atMost(Duration.ofSeconds(10)).until(
                () -> api.assignments("n1", 0, Duration.ZERO), a -> a.assignments().size() == 3);
        Set<Integer> ports = new java.util.HashSet<>();
        for (Assignment a : assigned.assignments()) {
            assertThat(a.instance().node()).isEqualTo("n1");
            assertThat(a.spec().name()).isEqualTo("web");
            ports.add(a.instance().hostPorts().get("http"));
        }
        assertThat(ports).hasSize(3).allMatch(p -> p >= 20000 && p <= 29999);

        // Nothing is routable until the agent says the instances run and pass their checks.
        RouteTable before = api.routes(0, Duration.ZERO);
        assertThat(before.routes()).singleElement().satisfies(r -> assertThat(r.backends().get(0).endpoints()).isEmpty());

        List<InstanceStatus> running = assigned.assignments().stream().map(a -> new InstanceStatus(a.instance().id(), "web",
                "n1", 1, InstanceState.RUNNING, Health.PASSING, "c-" + a.instance().id(), 0, null, null, Instant.now(), null)).toList();
        // A long-poll waiting on the old version is woken by the change, without a poll period.
        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> api.routes(before.version(), Duration.ofSeconds(20)));
        api.report(new NodeReport(node, null, running));
        RouteTable after = waiting.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(after.version()).isGreaterThan(before.version());
        await().atMost(Duration.ofSeconds(10)).until(
                () -> api.routes(0, Duration.ZERO).routes().get(0).backends().get(0).endpoints().size() == 3);

        ServiceView view = api.service("web");
        assertThat(view.running()).isEqualTo(3);
        assertThat(view.healthy()).isEqualTo(3);
        assertThat(api.nodes()).singleElement().satisfies(n -> {
            assertThat(n.instances()).isEqualTo(3);
            assertThat(n.state().wire()).isEqualTo("ready");
        });
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(api.events(0, Duration.ZERO, 100).events())
                .extracting(e -> e.type())
                .contains("node.registered", "service.created", "instance.placed", "instance.started"));

        // Scale down keeps the revision and removes one: first out of the routes while it keeps running
        // (its drain, 2s by default), then out of the assignments.
        assertThat(api.scale("web", 2).revision()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.routes(0, Duration.ZERO).routes().get(0).backends().get(0)
                .endpoints().size() == 2);
        var retiring = api.assignments("n1", 0, Duration.ZERO).assignments().stream()
                .filter(a -> a.instance().retiring()).toList();
        assertThat(retiring).hasSizeLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.assignments("n1", 0, Duration.ZERO).assignments().size() == 2);
        assertThat(api.assignments("n1", 0, Duration.ZERO).assignments()).noneMatch(a -> a.instance().retiring());
        api.remove("web");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.assignments("n1", 0, Duration.ZERO).assignments().isEmpty());
        assertThat(api.services()).isEmpty();
    }

    @Test
    void unplaceableInstancesSayWhy() {
        NodeInfo small = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("256Mi"), Map.of(), "20.10", "test", null);
        api.report(new NodeReport(small, null, List.of()));
        api.deploy(WEB.replace("replicas: 3", "replicas: 2\nresources: {memory: 512Mi}"), true);
        ServiceView v = await().atMost(Duration.ofSeconds(10)).until(() -> api.service("web"), s -> !s.unplaced().isEmpty());
        assertThat(v.unplaced().get(0).count()).isEqualTo(2);
        assertThat(v.unplaced().get(0).reason()).contains("insufficient memory").contains("512Mi");
    }

    @Test
    void stateSurvivesAServerRestart() throws Exception {
        NodeInfo node = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        api.report(new NodeReport(node, null, List.of()));
        api.deploy(WEB, true);
        List<String> ids = await().atMost(Duration.ofSeconds(10)).until(this::assignedIds, l -> l.size() == 3);

        server.close();
        startServer();

        assertThat(api.service("web").spec().replicas()).isEqualTo(3);
        assertThat(assignedIds()).isEqualTo(ids);
        // A redeploy of the same spec is a no-op: same revision, same instances.
        assertThat(api.deploy(WEB, true).revision()).isEqualTo(1);
        assertThat(api.deploy(WEB.replace("web:1", "web:2"), true).revision()).isEqualTo(2);
    }

    private List<String> assignedIds() {
        return api.assignments("n1", 0, Duration.ZERO).assignments().stream().map(a -> a.instance().id()).sorted().toList();
    }

    /** What a fake agent on {@code node} reports: every assigned instance running and healthy. */
    private List<InstanceStatus> runningOn(String node) {
        return api.assignments(node, 0, Duration.ZERO).assignments().stream()
                .map(a -> new InstanceStatus(a.instance().id(), a.instance().service(), node, a.instance().revision(),
                        InstanceState.RUNNING, Health.PASSING, "c-" + a.instance().id(), 0, null, null,
                        Instant.parse("2026-11-25T12:00:00Z"), null))
                .toList();
    }

    @Test
    void routeFilesSplitAHostLiveAndGiveWayToTheShorthandWhenRemoved() {
        api.deploy(WEB, true);
        String file = """
                name: web
                host: web.local
                backends:
                  - {service: web, weight: 33}
                  - {name: legacy, static: ["127.0.0.1:9001", "127.0.0.1:9002"], weight: 67}
                """;
        var applied = api.applyRoute(file, true);
        assertThat(applied.warnings()).anyMatch(w -> w.contains("overrides the route: section of service web"));
        // The route file replaces the service's own route: one route, two weighted backends.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.routes(0, Duration.ZERO).routes())
                .singleElement().satisfies(r -> {
                    assertThat(r.backends()).extracting(b -> b.name() + "=" + b.weight()).containsExactly("web=33", "legacy=67");
                    assertThat(r.backends().get(1).endpoints()).extracting(e -> e.address())
                            .containsExactly("127.0.0.1:9001", "127.0.0.1:9002");
                }));
        assertThat(api.routeDefinitions()).extracting(v -> v.route().name()).containsExactly("web");

        // A live weight change is in the table routers long-poll.
        long version = api.routes(0, Duration.ZERO).version();
        api.setRouteWeights("web", Map.of("legacy", 0, "web", 100));
        RouteTable changed = api.routes(version, Duration.ofSeconds(10));
        assertThat(changed.routes().get(0).backends()).extracting(b -> b.weight()).containsExactly(100, 0);

        // Bad weights: every problem named, nothing changed.
        assertThatThrownBy(() -> api.setRouteWeights("web", Map.of("nope", 1, "web", 5000)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.fields()).extracting(FieldError::path).containsExactlyInAnyOrder("weights.nope", "weights.web");
                });
        assertThat(api.routeDefinition("web").route().backends()).extracting(b -> b.weight()).containsExactly(100, 0);
        assertThatThrownBy(() -> api.applyRoute("name: web\nhost: web.local\nbackends: [{static: [\"x\"]}]\n", true))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.fields()).extracting(FieldError::path)
                        .contains("backends[0].static[0]", "backends[0].name"));

        api.removeRoute("web");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.routes(0, Duration.ZERO).routes())
                .singleElement().satisfies(r -> assertThat(r.backends()).extracting(b -> b.name()).containsExactly("web")));
        assertThatThrownBy(() -> api.setRouteWeights("web", Map.of("web", 1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.getMessage()).contains("route: section of service web");
                });
        assertThat(api.events(0, Duration.ZERO, 100).events()).extracting(e -> e.type())
                .contains("route.created", "route.weights", "route.removed");
    }

    @Test
    void aHostWhereTwoServicesKeepFailingIsQuarantinedAndUncordonReadmitsIt() throws Exception {
        List<NodeInfo> nodes = List.of("n1", "n2", "n3").stream().map(n -> new NodeInfo(n, "127.0.0.1", 4,
                ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null)).toList();
        nodes.forEach(n -> api.report(new NodeReport(n, null, List.of())));
        String plain = WEB.replace("health: {http: {port: http, path: /}}\n", "").replace("route: {host: web.local, path: /, port: http}\n", "");
        api.deploy(plain, true);
        api.deploy(plain.replace("name: web", "name: api"), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.assignments("n2", 0, Duration.ZERO).assignments().size() == 2);

        // Every instance on n2 crashes again and again (restarts 1, 2, 3); elsewhere all runs.
        java.util.concurrent.atomic.AtomicInteger restarts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ScheduledExecutorService agents = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        agents.scheduleWithFixedDelay(() -> {
            try {
                reportAll(nodes, restarts.get());
                rounds.incrementAndGet();
            } catch (RuntimeException e) {
                System.out.println("report failed, trying again: " + e);
            }
        }, 0, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            for (int k = 1; k <= 3; k++) {
                restarts.set(k);
                int until = rounds.get() + 2;
                await().atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= until);
            }
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(api.nodes())
                    .filteredOn(n -> n.name().equals("n2")).singleElement().satisfies(n -> {
                        assertThat(n.state().wire()).isEqualTo("draining");
                        assertThat(n.control()).isEqualTo("quarantined");
                    }));
            assertThat(api.events(0, Duration.ZERO, 1000).events()).filteredOn(e -> e.type().equals("node.quarantined"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.node()).isEqualTo("n2");
                        assertThat(e.message()).contains("across 2 services").contains("api 3×").contains("web 3×");
                    });
            // Drained: the work moves to the healthy hosts.
            await().atMost(Duration.ofSeconds(15)).until(() -> api.assignments("n2", 0, Duration.ZERO).assignments().isEmpty());

            // Re-admitted: failures from before the uncordon are not held against it again.
            restarts.set(0);
            reportAll(nodes, 0);
            assertThat(api.uncordon("n2").state().wire()).isEqualTo("ready");
            Thread.sleep(5000);
            assertThat(api.nodes()).filteredOn(n -> n.name().equals("n2")).singleElement()
                    .satisfies(n -> assertThat(n.control()).isNull());
        } finally {
            agents.shutdownNow();
        }
    }

    @Test
    void aRolloutThatMissesItsDeadlineGoesBackAndUndoGoesToAnyKeptRevision() throws Exception {
        NodeInfo n1 = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        api.report(new NodeReport(n1, null, List.of()));
        String v1 = WEB.replace("replicas: 3", "replicas: 2");
        api.deploy(v1, true);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.assignments("n1", 0, Duration.ZERO).assignments().size() == 2);
        java.util.concurrent.ScheduledExecutorService agent = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        // The agent: revision 1 serves; revision 2 runs but never passes its check.
        agent.scheduleWithFixedDelay(() -> {
            try {
                List<InstanceStatus> st = api.assignments("n1", 0, Duration.ZERO).assignments().stream()
                        .map(a -> new InstanceStatus(a.instance().id(), "web", "n1", a.instance().revision(), InstanceState.RUNNING,
                                a.instance().revision() == 2 ? Health.FAILING : Health.PASSING, "c-" + a.instance().id(), 0, null,
                                a.instance().revision() == 2 ? "GET /healthz returned 500" : null, Instant.now(), null))
                        .toList();
                api.report(new NodeReport(n1, null, st));
            } catch (RuntimeException e) {
                System.out.println("report failed, trying again: " + e);
            }
        }, 0, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> api.service("web").healthy() == 2);
            api.deploy(v1.replace("image: registry.local/web:1", "image: registry.local/web:2") + "update: {progressDeadline: 10s}\n", true);
            assertThat(api.service("web").revision()).isEqualTo(2);

            ServiceView back = await().atMost(Duration.ofSeconds(40)).until(() -> api.service("web"), v -> v.revision() == 1);
            assertThat(back.failed().revision()).isEqualTo(2);
            assertThat(back.failed().reason()).contains("0 of 2 instances of revision 2 serving").contains("returned 500");
            // The stable revision never dropped below its capacity, and revision 2's instance goes.
            await().atMost(Duration.ofSeconds(15)).until(() -> api.service("web").instances().stream().allMatch(i -> i.revision() == 1));
            assertThat(api.service("web").healthy()).isEqualTo(2);
            assertThat(api.events(0, Duration.ZERO, 1000).events()).extracting(e -> e.type()).contains("rollout.failed");

            var revisions = api.revisions("web");
            assertThat(revisions).extracting(r -> r.revision()).containsExactly(1L, 2L);
            assertThat(revisions.get(0).current()).isTrue();
            assertThat(revisions.get(1).failure()).contains("progress deadline");

            // A new deploy never reuses the failed revision's number; undo goes back to any kept revision.
            assertThat(api.deploy(v1.replace("replicas: 2", "replicas: 2\nenv: {A: \"1\"}"), true).revision()).isEqualTo(3);
            assertThat(api.rollback("web", 1L).revision()).isEqualTo(1);
            assertThatThrownBy(() -> api.rollback("web", 9L)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.getMessage()).contains("not kept");
            });
        } finally {
            agent.shutdownNow();
        }
    }

    @Test
    void aCanaryGetsItsWeightIsRolledBackWhenWorseAndRollsOnWhenItPasses() throws Exception {
        NodeInfo n1 = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        api.report(new NodeReport(n1, null, List.of()));
        api.deploy(WEB, true);
        java.util.concurrent.ScheduledExecutorService agent = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        agent.scheduleWithFixedDelay(() -> {
            try {
                api.report(new NodeReport(n1, null, runningOn("n1")));
            } catch (RuntimeException e) {
                System.out.println("report failed, trying again: " + e);
            }
        }, 0, 300, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> api.service("web").healthy() == 3);
            String canary = "update: {canary: {weight: 33, hold: 10s}}\n";
            api.deploy(WEB.replace("web:1", "web:2") + canary, true);
            // One canary instance beside the three stable ones; the route splits 67/33 by revision.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                var backends = api.routes(0, Duration.ZERO).routes().get(0).backends();
                assertThat(backends).extracting(b -> b.name() + "=" + b.weight() + "/" + b.endpoints().size())
                        .containsExactly("web-r1=67/3", "web-r2=33/1");
            });
            assertThat(api.service("web").canary().phase().wire()).isEqualTo("holding");

            // The routers see the canary answer 500.
            api.routerStats(new io.wolfpack.core.route.RouterStats("test-router", List.of(
                    new io.wolfpack.core.route.RouterStats.BackendStats("web", "web-r1", 0, 0, 0),
                    new io.wolfpack.core.route.RouterStats.BackendStats("web", "web-r2", 0, 0, 0))));
            Thread.sleep(1500);
            api.routerStats(new io.wolfpack.core.route.RouterStats("test-router", List.of(
                    new io.wolfpack.core.route.RouterStats.BackendStats("web", "web-r1", 80, 0, 0),
                    new io.wolfpack.core.route.RouterStats.BackendStats("web", "web-r2", 40, 40, 0))));
            ServiceView back = await().atMost(Duration.ofSeconds(8)).until(() -> api.service("web"), v -> v.revision() == 1);
            assertThat(back.failed().reason()).contains("canary failed: error rate worse than stable").contains("40 5xx");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.service("web").instances().stream().allMatch(i -> i.revision() == 1));
            assertThat(api.routes(0, Duration.ZERO).routes().get(0).backends()).singleElement()
                    .satisfies(b -> assertThat(b.name()).isEqualTo("web"));

            // A healthy canary passes after its hold and the rollout goes on to every instance.
            api.deploy(WEB.replace("web:1", "web:3") + canary, true);
            await().atMost(Duration.ofSeconds(30)).until(() -> api.service("web"),
                    v -> v.revision() == 3 && v.instances().size() == 3 && v.instances().stream().allMatch(i -> i.revision() == 3));
            assertThat(api.events(0, Duration.ZERO, 1000).events()).extracting(e -> e.type())
                    .contains("rollout.canary", "rollout.canary-failed", "rollout.canary-passed");
        } finally {
            agent.shutdownNow();
        }
    }

    @Test
    void loadAboveTargetScalesOutAndLoadGoneScalesBackInAfterTheWindow() throws Exception {
        NodeInfo n1 = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        api.report(new NodeReport(n1, null, List.of()));
        api.deploy(WEB.replace("replicas: 3\n", "") + "autoscale: {min: 1, max: 4, targetRps: 10, scaleUpWindow: 0s, scaleDownWindow: 4s}\n", true);
        assertThat(api.service("web").desired()).isEqualTo(1);
        java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.ScheduledExecutorService router = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        router.scheduleWithFixedDelay(() -> {
            try {
                if (busy.get()) requests.addAndGet(20); // 40 requests a second
                api.routerStats(new io.wolfpack.core.route.RouterStats("test-router", List.of(
                        new io.wolfpack.core.route.RouterStats.BackendStats("web", "web", requests.get(), 0, 0))));
                api.report(new NodeReport(n1, null, runningOn("n1")));
            } catch (RuntimeException e) {
                System.out.println("report failed, trying again: " + e);
            }
        }, 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> api.service("web").desired() == 4);
            busy.set(false);
            await().atMost(Duration.ofSeconds(40)).until(() -> api.service("web").desired() == 1);
            assertThat(api.events(0, Duration.ZERO, 1000).events()).filteredOn(e -> e.type().equals("service.autoscaled"))
                    .extracting(e -> e.message())// one step to 4, or several when the simulated rate lags on a busy machine
                    .anyMatch(m -> m.startsWith("1 → ") && m.contains("target 10 each"))
                    .anyMatch(m -> m.endsWith("held 4s") && m.contains("→ 1"));
            // A redeploy of the same file keeps the autoscaler's count.
        } finally {
            router.shutdownNow();
        }
    }

    @Test
    void cpuAboveTargetScalesOutAndIdleScalesBackInWithoutStoringTheReadings() {
        NodeInfo n1 = new NodeInfo("n1", "127.0.0.1", 4, ByteSize.parse("8Gi"), Map.of(), "20.10", "test", null);
        api.report(new NodeReport(n1, null, List.of()));
        api.deploy(WEB.replace("replicas: 3\n", "") + "resources: {cpu: 1}\n"
                + "autoscale: {min: 1, max: 4, targetCpu: 500m, scaleUpWindow: 0s, scaleDownWindow: 4s}\n", true);
        assertThat(api.service("web").desired()).isEqualTo(1);
        java.util.concurrent.atomic.AtomicReference<Double> perInstance = new java.util.concurrent.atomic.AtomicReference<>(0.9);
        java.util.concurrent.ScheduledExecutorService agent = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        agent.scheduleWithFixedDelay(() -> {
            try {
                api.report(new NodeReport(n1, null, runningOn("n1").stream().map(s -> s.withCpu(perInstance.get())).toList()));
            } catch (RuntimeException e) {
                System.out.println("report failed, trying again: " + e);
            }
        }, 0, 500, java.util.concurrent.TimeUnit.MILLISECONDS);
        try {
            // 0.9 cores on 1 instance wants 2; then 1.8 over 2 wants 4.
            await().atMost(Duration.ofSeconds(30)).until(() -> api.service("web").desired() == 4);
            String id = api.service("web").instances().get(0).id();
            assertThat(server.store().mirror().status("web", id)).as("stored status of %s", id)
                    .isNotNull().extracting(InstanceStatus::cpu).isNull();
            perInstance.set(0.05);
            await().atMost(Duration.ofSeconds(40)).until(() -> api.service("web").desired() == 1);
            assertThat(api.events(0, Duration.ZERO, 1000).events()).filteredOn(e -> e.type().equals("service.autoscaled"))
                    .extracting(e -> e.message())
                    .anyMatch(m -> m.startsWith("1 → 2 replicas: 0.90 cores over 1 ready instances (0.90 each), target 0.5 each → 2 wanted"))
                    .anyMatch(m -> m.startsWith("2 → 4 replicas: 1.80 cores over 2 ready instances (0.90 each)"))
                    .anyMatch(m -> m.startsWith("4 → 1 replicas: 0.20 cores over 4 ready instances (0.05 each)") && m.endsWith("held 4s"));
        } finally {
            agent.shutdownNow();
        }
    }

    /** One heartbeat from each node; n2's instances report crash-looping when {@code restarts} > 0. */
    private void reportAll(List<NodeInfo> nodes, int restarts) {
        for (NodeInfo n : nodes) {
            List<InstanceStatus> st = runningOn(n.name());
            if (n.name().equals("n2") && restarts > 0) {
                st = st.stream().map(s -> new InstanceStatus(s.id(), s.service(), s.node(), s.revision(), InstanceState.BACKOFF,
                        Health.UNKNOWN, s.containerId(), restarts, 3, "exited with code 3", s.since(), null)).toList();
            }
            api.report(new NodeReport(n, null, st));
        }
    }
}
