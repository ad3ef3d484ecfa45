package io.wolfpack.it;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.NodeView;
import io.wolfpack.core.api.ServiceView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Wolfpack on three real hosts (network namespaces with their own Docker engines and agents) in
 * zones a, b and c: spread, constraints, explanations, a node joining, a drain, and the join token.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiHostIT {
    static {
        // Routing is by Host header, which java.net.http refuses to set unless allowed before it loads.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
    }

    static MultiHostTestbed testbed;
    static ApiClient api;
    static String image;

    @BeforeAll
    static void up() throws Exception {
        testbed = new MultiHostTestbed();
        testbed.up(3);
        image = testbed.pushDemo();
        api = testbed.api();
        await().atMost(Duration.ofSeconds(60)).until(() -> api.nodes().stream().filter(n -> n.state().wire().equals("ready")).count() == 3);
    }

    @AfterAll
    static void down() throws Exception {
        if (testbed != null) testbed.close();
    }

    static String spec(String name, int replicas, String extra) {
        return """
                name: %s
                image: %s
                replicas: %d
                resources: {cpu: 0.05, memory: 16Mi}
                ports: [{name: http, container: 8080}]
                health: {http: {port: http, path: /healthz}, interval: 500ms}
                route: {host: %s.test, path: /, port: http}
                %s
                """.formatted(name, image, replicas, name, extra);
    }

    static Map<String, Long> perNode(ServiceView v) {
        return v.instances().stream().collect(Collectors.groupingBy(InstanceView::node, TreeMap::new, Collectors.counting()));
    }

    static ServiceView awaitHealthy(String name, int n) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.service(name), v -> v.healthy() == n && v.instances().size() == n);
    }

    @Test
    @Order(1)
    void nineReplicasSpreadThreePerHostAndZone() {
        api.deploy(spec("spread", 9, ""), true);
        ServiceView v = awaitHealthy("spread", 9);
        assertThat(perNode(v)).containsOnly(Map.entry("h1", 3L), Map.entry("h2", 3L), Map.entry("h3", 3L));
        api.remove("spread");
    }

    @Test
    @Order(2)
    void constraintsKeepInstancesOutOfAZone() {
        api.deploy(spec("notc", 4, "placement: {constraints: [\"zone != c\"]}"), true);
        ServiceView v = awaitHealthy("notc", 4);
        assertThat(perNode(v)).containsOnly(Map.entry("h1", 2L), Map.entry("h2", 2L));
        api.remove("notc");
    }

    @Test
    @Order(3)
    void whatCannotBePlacedSaysWhyByReasonWithCounts() {
        api.deploy(spec("huge", 2, "").replace("memory: 16Mi", "memory: 4Ti"), true);
        ServiceView v = await().atMost(Duration.ofSeconds(30)).until(() -> api.service("huge"), s -> !s.unplaced().isEmpty());
        assertThat(v.instances()).isEmpty();
        assertThat(v.unplaced().get(0).count()).isEqualTo(2);
        assertThat(v.unplaced().get(0).reason()).startsWith("0/3 nodes fit: 3 insufficient memory (need 4Ti");

        api.deploy(spec("onlyb", 1, "placement: {constraints: [\"zone == b\"]}").replace("memory: 16Mi", "memory: 4Ti"), true);
        ServiceView b = await().atMost(Duration.ofSeconds(30)).until(() -> api.service("onlyb"), s -> !s.unplaced().isEmpty());
        assertThat(b.unplaced().get(0).reason()).contains("2 constraint zone == b").contains("1 insufficient memory");
        api.remove("huge");
        api.remove("onlyb");
    }

    @Test
    @Order(4)
    void aNodeThatJoinsGetsThePendingWorkWithoutAnyoneAsking() throws Exception {
        testbed.killHost(3);
        await().atMost(Duration.ofSeconds(60)).until(() -> state("h3").equals("down"));
        api.deploy(spec("inc", 2, "placement: {constraints: [\"zone == c\"]}"), true);
        ServiceView pending = await().atMost(Duration.ofSeconds(30)).until(() -> api.service("inc"), s -> !s.unplaced().isEmpty());
        assertThat(pending.unplaced().get(0).reason()).contains("0/3 nodes fit");

        testbed.startHost(3);
        ServiceView v = awaitHealthy("inc", 2);
        assertThat(perNode(v)).containsOnly(Map.entry("h3", 2L));
        assertThat(v.unplaced()).isEmpty();
        api.remove("inc");
    }

    @Test
    @Order(5)
    void drainMovesEverythingOffAHostWithoutDroppingBelowCapacity() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> state("h3").equals("ready"));
        api.deploy(spec("web", 3, "update: {maxSurge: 1, maxUnavailable: 0}"), true);
        awaitHealthy("web", 3);

        api.drain("h1");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        int lowest = Integer.MAX_VALUE;
        while (System.nanoTime() < deadline) {
            ServiceView v = api.service("web");
            lowest = Math.min(lowest, v.healthy());
            if (perNode(v).getOrDefault("h1", 0L) == 0 && v.healthy() == 3) break;
            Thread.sleep(100);
        }
        assertThat(lowest).as("fewest healthy instances seen during the drain").isGreaterThanOrEqualTo(3);
        ServiceView after = api.service("web");
        assertThat(perNode(after)).doesNotContainKey("h1");
        assertThat(after.healthy()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeView("h1").instances() == 0);
        assertThat(state("h1")).isEqualTo("draining");
        api.uncordon("h1");
        assertThat(state("h1")).isEqualTo("ready");
        api.remove("web");
    }

    @Test
    @Order(6)
    void aWrongJoinTokenIsRefusedWithAClearMessageOnBothSides() throws Exception {
        ApiClient impostor = new ApiClient(MultiHostTestbed.SERVER, "not-the-join-token");
        assertThatThrownBy(() -> impostor.assignments("intruder", 0, Duration.ZERO))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("join token refused").contains("join-token");
                });

        // A real agent process with a wrong token says so in its log and never registers.
        Path log = Files.createTempFile("intruder-", ".log");
        Process agent = new ProcessBuilder(javaBin(), "-jar", testbed.jar.toString(), "agent",
                "--server", MultiHostTestbed.SERVER, "--join-token", "wrong-token", "--name", "intruder",
                "--advertise", "127.0.0.1", "--listen", "127.0.0.1:0", "--docker", "unix:///var/run/docker.sock")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("join token refused"));
        } finally {
            agent.destroy();
            agent.waitFor(10, TimeUnit.SECONDS);
            if (agent.isAlive()) agent.destroyForcibly();
        }
        assertThat(api.nodes()).extracting(NodeView::name).doesNotContain("intruder");
        assertThat(testbed.serverLog()).contains("refused").contains("wrong join token");
    }

    @Test
    @Order(7)
    void aCutOffHostLeavesTheRoutesIsReplacedAndHealsWithoutDuplicates() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.nodes().stream().allMatch(n -> n.state().wire().equals("ready")));
        api.deploy(spec("part", 6, ""), true);
        ServiceView before = awaitHealthy("part", 6);
        assertThat(perNode(before)).containsEntry("h2", 2L);
        assertThat(testbed.containersOn(2, "part")).hasSize(2);

        testbed.cutHost(2);
        // Suspect: its endpoints leave the routes; down: its instances are placed elsewhere.
        await().atMost(Duration.ofSeconds(30)).until(() -> api.routes(0, Duration.ZERO).routes().stream()
                .filter(r -> r.name().equals("part"))
                .flatMap(r -> r.backends().stream()).flatMap(b -> b.endpoints().stream())
                .noneMatch(e -> e.host().equals("10.213.0.12")));
        ServiceView moved = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> api.service("part"), v -> v.healthy() == 6 && !perNode(v).containsKey("h2"));
        assertThat(moved.instances()).hasSize(6);
        // Cut off, its containers keep running: they are not Wolfpack's to stop until the host hears back.
        assertThat(testbed.containersOn(2, "part")).hasSize(2);

        testbed.healHost(2);
        await().atMost(Duration.ofSeconds(60)).until(() -> state("h2").equals("ready"));
        await().atMost(Duration.ofSeconds(60)).until(() -> testbed.containersOn(2, "part").isEmpty());
        ServiceView after = api.service("part");
        assertThat(after.instances()).hasSize(6);
        assertThat(after.healthy()).isEqualTo(6);
        assertThat(allEvents()).extracting(e -> e.type())
                .contains("node.suspect", "node.ready");
        api.remove("part");
    }

    @Test
    @Order(8)
    void anInstanceFailingItsCheckLeavesTheRoutesWithoutAFailedRequestAndIsRestarted() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.nodes().stream().allMatch(n -> n.state().wire().equals("ready")));
        api.deploy(spec("sick", 3, ""), true);
        ServiceView v = awaitHealthy("sick", 3);
        InstanceView victim = v.instances().stream().filter(i -> i.node().equals("h1")).findFirst().orElseThrow();
        try (RouterLoad load = RouterLoad.start(MultiHostTestbed.ROUTER, "sick.test", 4)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> load.sent() > 50);
            // Its check now answers 404: out of the routes, then restarted by its agent as a new container.
            testbed.execIn(1, victim.containerId(), "rm", "/www/healthz");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.routes(0, Duration.ZERO).routes().stream()
                    .filter(r -> r.name().equals("sick")).flatMap(r -> r.backends().stream())
                    .flatMap(b -> b.endpoints().stream()).noneMatch(e -> victim.id().equals(e.instance())));
            ServiceView healed = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.service("sick"), s -> s.healthy() == 3 && s.instances().stream()
                            .anyMatch(i -> i.id().equals(victim.id()) && i.restarts() >= 1));
            assertThat(healed.instances()).hasSize(3);
            await().atMost(Duration.ofSeconds(10)).until(() -> load.sent() > 200);
            load.stop();
            assertThat(load.failures()).as("failed requests of %d", load.sent()).isEmpty();
        }
        assertThat(allEvents()).filteredOn(e -> victim.id().equals(e.instance()))
                .extracting(e -> e.type()).contains("instance.unhealthy");
        api.remove("sick");
    }

    @Test
    @Order(9)
    void aHostWhereTwoServicesKeepFailingIsQuarantinedAndDrainedAndUncordonReadmitsIt() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.nodes().stream().allMatch(n -> n.state().wire().equals("ready")));
        // A host fault as services see it: both crash on h2 only.
        String crashOnH2 = "command: [\"sh\", \"-c\", \"if [ \\\"$WOLFPACK_NODE\\\" = h2 ]; then echo broken host; exit 3; fi;"
                + " exec httpd -f -p 8080 -h /www\"]";
        api.deploy(spec("qa", 3, crashOnH2), true);
        api.deploy(spec("qb", 3, crashOnH2), true);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> nodeView("h2").control() != null);
        NodeView h2 = nodeView("h2");
        assertThat(h2.control()).isEqualTo("quarantined");
        assertThat(allEvents()).filteredOn(e -> e.type().equals("node.quarantined"))
                .singleElement().satisfies(e -> {
                    assertThat(e.node()).isEqualTo("h2");
                    assertThat(e.message()).contains("across 2 services").contains("qa").contains("qb");
                });
        // Drained: both services run healthy on the other hosts.
        for (String svc : List.of("qa", "qb")) {
            ServiceView moved = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.service(svc), s -> s.healthy() == 3 && !perNode(s).containsKey("h2"));
            assertThat(moved.instances()).hasSize(3);
        }
        api.remove("qa");
        api.remove("qb");
        assertThat(api.uncordon("h2").state().wire()).isEqualTo("ready");
    }

    /**
     * A service whose /cgi-bin/app answers CODE and names the instance; env makes each revision
     * distinct. The CGI headers go through unix2dos: HTTP wants CRLF, and the router is strict.
     */
    static String cgi(String name, int replicas, String code, String extra) {
        return """
                name: %s
                image: %s
                replicas: %d
                env: {CODE: "%s"}
                command: ["sh", "-c", "mkdir -p /www/cgi-bin; printf '#!/bin/sh\\n{ echo Status: $CODE; echo Content-Type: text/plain; echo; } | busybox unix2dos\\necho $WOLFPACK_INSTANCE\\n' > /www/cgi-bin/app; chmod +x /www/cgi-bin/app; exec httpd -f -p 8080 -h /www"]
                resources: {cpu: 0.05, memory: 16Mi}
                ports: [{name: http, container: 8080}]
                health: {http: {port: http, path: /healthz}, interval: 500ms}
                route: {host: %s.test, path: /, port: http}
                %s
                """.formatted(name, image, replicas, code, name, extra);
    }

    @Test
    @Order(10)
    void aHealthyRollingUpdateUnderLoadHasNoFailedRequest() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.nodes().stream().allMatch(n -> n.state().wire().equals("ready")));
        api.deploy(cgi("roll", 6, "200", ""), true);
        awaitHealthy("roll", 6);
        try (RouterLoad load = RouterLoad.start(MultiHostTestbed.ROUTER, "roll.test", 4)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() > 50);
            api.deploy(cgi("roll", 6, "200", "update: {maxSurge: 2, maxUnavailable: 0}"), true);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> api.service("roll"),
                    v -> v.revision() == 2 && v.healthy() == 6 && v.instances().stream().allMatch(i -> i.revision() == 2));
            int before = load.sent();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.sent() > before + 50);
            load.stop();
            assertThat(load.failures()).as("failed of %d requests during the rollout", load.sent()).isEmpty();
        }
        api.remove("roll");
    }

    @Test
    @Order(11)
    void aRevisionThatFailsItsCheckIsRolledBackAndStableNeverDropsBelowCapacity() throws Exception {
        api.deploy(cgi("bad", 3, "200", ""), true);
        awaitHealthy("bad", 3);
        api.deploy(cgi("bad", 3, "200", "update: {progressDeadline: 15s}").replace("path: /healthz", "path: /missing"), true);
        int lowest = Integer.MAX_VALUE;
        long until = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        ServiceView v = api.service("bad");
        while (System.nanoTime() < until && !(v.revision() == 1 && v.instances().stream().allMatch(i -> i.revision() == 1))) {
            lowest = Math.min(lowest, v.healthy());
            Thread.sleep(200);
            v = api.service("bad");
        }
        assertThat(v.revision()).as("rolled back").isEqualTo(1);
        assertThat(v.failed()).isNotNull();
        assertThat(v.failed().revision()).isEqualTo(2);
        assertThat(v.failed().reason()).contains("progress deadline");
        assertThat(lowest).as("fewest healthy instances during the failed rollout").isGreaterThanOrEqualTo(3);
        api.remove("bad");
    }

    @Test
    @Order(12)
    void aCanaryGetsItsShareAtTheRouterAndACanaryAnswering500IsRolledBackWithinItsHold() throws Exception {
        api.deploy(cgi("can", 3, "200", ""), true);
        awaitHealthy("can", 3);
        String canary = "update: {canary: {weight: 33, hold: 60s}}";
        api.deploy(cgi("can", 3, "200", canary).replace("CODE: \"200\"}", "CODE: \"200\", V: \"2\"}"), true);
        await().atMost(Duration.ofSeconds(60)).until(() -> api.routes(0, Duration.ZERO).routes().stream()
                .filter(r -> r.name().equals("can")).flatMap(r -> r.backends().stream())
                .anyMatch(b -> b.name().equals("can-r2") && b.endpoints().size() == 1));
        Map<String, Long> revisionOf = api.service("can").instances().stream()
                .collect(Collectors.toMap(InstanceView::id, InstanceView::revision));
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        int n = 1500;
        int toCanary = 0;
        for (int k = 0; k < n; k++) {
            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(MultiHostTestbed.ROUTER + "/cgi-bin/app"))
                    .header("Host", "can.test").timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("answer %d: %s", k, r.body()).isEqualTo(200);
            if (revisionOf.getOrDefault(r.body().strip(), 0L) == 2L) toCanary++;
        }
        assertThat(100.0 * toCanary / n).as("share of requests to the canary").isBetween(30.0, 36.0);

        // A canary that answers 500 is judged worse than stable and sent back within its 60s hold.
        api.deploy(cgi("can", 3, "500", canary).replace("CODE: \"500\"}", "CODE: \"500\", V: \"3\"}"), true);
        long deployed = System.nanoTime();
        try (RouterLoad load = RouterLoad.start(MultiHostTestbed.ROUTER + "/cgi-bin/app", "can.test", 3)) {
            ServiceView back = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .until(() -> api.service("can"), v -> v.failed() != null && v.failed().revision() == 3);
            assertThat(back.revision()).isNotEqualTo(3);
            assertThat(back.failed().reason()).contains("canary failed").contains("5xx");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - deployed)).isLessThan(Duration.ofSeconds(60));
        api.remove("can");
    }

    @Test
    @Order(13)
    void loadAboveTargetScalesOutAndScalesBackInAfterTheWindow() throws Exception {
        api.deploy(cgi("auto", 1, "200", "autoscale: {min: 1, max: 3, targetRps: 20, scaleUpWindow: 0s, scaleDownWindow: 10s}"), true);
        awaitHealthy("auto", 1);
        try (RouterLoad load = RouterLoad.start(MultiHostTestbed.ROUTER, "auto.test", 3)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> api.service("auto").desired() == 3);
        }
        awaitHealthy("auto", 3);
        await().atMost(Duration.ofSeconds(90)).until(() -> api.service("auto").desired() == 1);
        assertThat(allEvents()).filteredOn(e -> e.type().equals("service.autoscaled"))
                .extracting(e -> e.message()).anyMatch(m -> m.contains("→ 3 replicas:") && m.contains("target 20 each"))
                .anyMatch(m -> m.contains("→ 1 replicas:") && m.contains("held 10s"));
        api.remove("auto");
    }

    /** Steady GETs through the router from a few threads, counting what fails. */
    static String appSpec(String name, String image, int replicas) {
        return """
                name: %s
                image: %s
                replicas: %d
                resources: {cpu: 0.05, memory: 16Mi}
                ports: [{name: http, container: 8080}]
                health: {http: {port: http, path: /healthz}, interval: 500ms}
                route: {host: %s.test, path: /, port: http}
                update: {maxSurge: 1, maxUnavailable: 0, canary: {weight: 33, hold: 4s}}
                """.formatted(name, image, replicas, name);
    }

    static String viaRouter(String host, String path) throws Exception {
        var http = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(MultiHostTestbed.ROUTER + path))
                .header("Host", host).timeout(Duration.ofSeconds(5)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body().strip();
    }

    /**
     * Issue 7's scenario: a git repository with base → runtime → four apps (one multi-stage),
     * three services running two of the apps behind the router. A commit that fixes the base
     * starts a campaign by itself: every descendant is rebased (or rebuilt when it must be) in
     * lineage order and the three services roll out canary-first with no failed request. A base
     * that breaks a descendant's build halts the next campaign with the reason, touching no service.
     */
    @Test
    @Order(20)
    void aBaseFixReachesEveryDescendantAndServiceCanaryFirstAndABreakingBaseHaltsTheCampaign() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> api.nodes().stream().allMatch(n -> n.state().wire().equals("ready")));
        try (ImageRepoFixture repo = new ImageRepoFixture()) {
            var added = api.addImageRepo(repo.dir.toString(), "apps");
            assertThat(added.images()).containsExactlyInAnyOrder("base", "runtime", "app-a", "app-b", "app-c", "app-d");
            var built = api.buildImages(List.of());
            assertThat(built).extracting(io.wolfpack.core.image.ImageBuild::image)
                    .containsExactly("base", "runtime", "app-a", "app-b", "app-c", "app-d");
            var runtime = built.get(1);
            assertThat(runtime.baseDigest()).isEqualTo(built.get(0).digest());
            assertThat(runtime.baseImage()).endsWith("/base@" + built.get(0).digest());

            api.deploy(appSpec("pa", "10.213.0.1:5000/app-a:1", 2), true);
            api.deploy(appSpec("pb", "10.213.0.1:5000/app-a:1", 3), true);
            api.deploy(appSpec("pc", "10.213.0.1:5000/app-b:1", 2), true);
            awaitHealthy("pa", 2);
            awaitHealthy("pb", 3);
            awaitHealthy("pc", 2);
            assertThat(viaRouter("pa.test", "/base-version")).isEqualTo("200 1");
            var affected = api.affected("base");
            assertThat(affected.services()).extracting(io.wolfpack.core.api.AffectedView.Service::service)
                    .containsExactlyInAnyOrder("pa", "pb", "pc");
            assertThat(affected.instances()).isEqualTo(7);

            List<RouterLoad> loads = List.of(RouterLoad.start(MultiHostTestbed.ROUTER, "pa.test", 2),
                    RouterLoad.start(MultiHostTestbed.ROUTER, "pb.test", 2), RouterLoad.start(MultiHostTestbed.ROUTER, "pc.test", 2));
            io.wolfpack.core.api.CampaignView done;
            try {
                repo.commitBaseVersion("2");
                // nobody asks: the server sees the commit and starts the campaign itself
                done = await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> api.campaigns().stream().filter(c -> c.base().equals("base")).reduce((a, b) -> b).orElse(null),
                                c -> c != null && !c.state().equals("running"));
            } finally {
                for (RouterLoad l : loads) l.stop();
            }
            assertThat(done.state()).as("campaign %s: %s", done.id(), done.haltReason()).isEqualTo("done");
            assertThat(done.trigger()).startsWith("commit ").endsWith("changed base");
            Map<String, io.wolfpack.core.api.CampaignView.ImageStep> steps = done.images().stream()
                    .collect(Collectors.toMap(io.wolfpack.core.api.CampaignView.ImageStep::image, st -> st));
            assertThat(steps.get("base").status()).isEqualTo("built");
            assertThat(steps.get("runtime").status()).isEqualTo("rebased");
            assertThat(steps.get("app-a").status()).isEqualTo("rebased");
            assertThat(steps.get("app-c").status()).as(steps.get("app-c").note()).isEqualTo("built");
            assertThat(steps.get("app-c").note()).contains("build inputs changed");
            // waves by blast radius: the 2-instance services first, the 3-instance one last
            assertThat(done.waves().get(done.waves().size() - 1).get(0).service()).isEqualTo("pb");
            for (RouterLoad l : loads) {
                assertThat(l.sent()).isGreaterThan(20);
                assertThat(l.failures()).isEmpty();
            }
            for (String s : List.of("pa", "pb", "pc")) {
                ServiceView v = api.service(s);
                assertThat(v.spec().image()).contains("@sha256:");
                assertThat(viaRouter(s + ".test", "/base-version")).isEqualTo("200 2");
            }
            assertThat(api.service("pa").spec().image()).endsWith(steps.get("app-a").digest());

            // base 3 breaks app-c's build: the next campaign halts with the reason, no service moves
            Map<String, Long> revisions = new TreeMap<>();
            for (String s : List.of("pa", "pb", "pc")) revisions.put(s, api.service(s).revision());
            repo.commitBaseVersion("3");
            var halted = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> api.campaigns().stream().filter(c -> !c.id().equals(done.id()) && c.base().equals("base"))
                            .reduce((a, b) -> b).orElse(null), c -> c != null && !c.state().equals("running"));
            assertThat(halted.state()).isEqualTo("halted");
            assertThat(halted.haltReason()).contains("app-c");
            for (String s : List.of("pa", "pb", "pc")) assertThat(api.service(s).revision()).isEqualTo(revisions.get(s));
            assertThat(halted.waves().stream().flatMap(List::stream)).allMatch(st -> st.status().equals("pending"));

            for (String s : List.of("pa", "pb", "pc")) api.remove(s);
        }
    }

    static final class RouterLoad implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        private final List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Thread> threads = new java.util.ArrayList<>();

        static RouterLoad start(String router, String host, int threads) {
            RouterLoad load = new RouterLoad();
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            for (int t = 0; t < threads; t++) {
                Thread th = new Thread(() -> {
                    while (!load.stop.get()) {
                        try {
                            var r = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                            router.contains("/cgi-bin") ? router : router + "/"))
                                    .header("Host", host).timeout(Duration.ofSeconds(5)).build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) load.failures.add(r.statusCode() + " " + r.body().strip());
                        } catch (Exception e) {
                            load.failures.add(e.toString());
                        }
                        load.sent.incrementAndGet();
                    }
                }, "router-load-" + t);
                th.start();
                load.threads.add(th);
            }
            return load;
        }

        int sent() {
            return sent.get();
        }

        List<String> failures() {
            return failures;
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) t.join();
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }

    /** Every event kept, page by page (a long run has more than one page). */
    static List<io.wolfpack.core.model.Event> allEvents() {
        List<io.wolfpack.core.model.Event> all = new java.util.ArrayList<>();
        long after = 0;
        while (true) {
            var page = api.events(after, Duration.ZERO, 1000);
            if (page.events().isEmpty()) return all;
            all.addAll(page.events());
            after = page.events().get(page.events().size() - 1).seq();
        }
    }

    static String state(String node) {
        return nodeView(node).state().wire();
    }

    static NodeView nodeView(String node) {
        return api.nodes().stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow();
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
