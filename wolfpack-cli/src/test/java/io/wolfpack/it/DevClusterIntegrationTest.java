package io.wolfpack.it;

import io.wolfpack.agent.demo.DemoImage;
import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.DockerJavaEngine;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.InstanceState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Wolfpack end to end on the real Docker engine: a {@code wolfpack dev} process with its embedded
 * ZooKeeper, agent and router. Covers reconciliation, backoff, ports, health-gated routing,
 * labels, logs, and kill -9 restart safety.
 */
@Tag("integration")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevClusterIntegrationTest {
    @TempDir
    static Path dir;
    static DevProcess dev;
    static DockerJavaEngine docker;
    static ApiClient api;
    static {
        // Routing is by Host header, which java.net.http refuses to set unless allowed.
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        // The stand-in legacy backend (JDK HttpServer) writes headers and body apart: without
        // TCP_NODELAY each answer waits ~40 ms for a delayed ACK.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        docker = new DockerJavaEngine(DockerJavaEngine.DEFAULT_HOST);
        DemoImage.ensure(docker);
        dev = new DevProcess(dir.resolve("data"), "it-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
        dev.start();
        api = dev.api();
    }

    @AfterAll
    static void stop() throws Exception {
        if (dev != null) dev.close();
        if (docker != null) {
            for (ContainerInfo c : docker.listContainers(Map.of("wolfpack.node", dev.node))) docker.remove(c.id(), true);
            docker.close();
        }
    }

    static String web(String name, int replicas) {
        return """
                name: %s
                image: %s
                replicas: %d
                command: ["sh", "-c", "echo started $WOLFPACK_INSTANCE; echo ok > /www/healthz; echo \\"$WOLFPACK_INSTANCE\\" > /www/index.html; exec httpd -f -p 8080 -h /www"]
                resources: {cpu: 0.05, memory: 16Mi}
                ports: [{name: http, container: 8080}]
                health: {http: {port: http, path: /healthz}, interval: 500ms}
                route: {host: %s.it.local, path: /, port: http}
                """.formatted(name, DemoImage.TAG, replicas, name);
    }

    static ServiceView awaitHealthy(String name, int n) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.service(name), v -> v.healthy() == n && v.instances().size() == n);
    }

    static List<ContainerInfo> containers(String service) {
        return docker.listContainers(Map.of("wolfpack.node", dev.node, "wolfpack.service", service));
    }

    static HttpResponse<String> viaRouter(String host) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(dev.routerUrl() + "/")).header("Host", host)
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void deployedServiceServesThroughTheRouterFromEveryInstance() throws Exception {
        api.deploy(web("web", 3), true);
        ServiceView v = awaitHealthy("web", 3);

        Set<Integer> ports = v.instances().stream().map(i -> i.hostPorts().get("http")).collect(Collectors.toSet());
        assertThat(ports).hasSize(3).allMatch(p -> p >= 31000 && p <= 31999);

        Set<String> answered = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> r = viaRouter("web.it.local");
            assertThat(r.statusCode()).isEqualTo(200);
            answered.add(r.body().trim());
        }
        assertThat(answered).containsExactlyInAnyOrderElementsOf(v.instances().stream().map(InstanceView::id).toList());

        for (ContainerInfo c : containers("web")) {
            assertThat(c.labels()).containsKeys("wolfpack.service", "wolfpack.instance", "wolfpack.node", "wolfpack.revision");
            assertThat(c.labels().get("wolfpack.revision")).isEqualTo("1");
        }
        String logs = api.logs("web", v.instances().get(0).id(), 50);
        assertThat(logs).contains("started " + v.instances().get(0).id());
    }

    @Test
    @Order(2)
    void containerRemovedBehindWolfpacksBackIsReplaced() {
        ContainerInfo victim = containers("web").get(0);
        docker.remove(victim.id(), true);
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            List<ContainerInfo> now = containers("web");
            return now.size() == 3 && now.stream().noneMatch(c -> c.id().equals(victim.id()));
        });
        awaitHealthy("web", 3);
    }

    @Test
    @Order(3)
    void scaleAndRemoveConverge() {
        api.scale("web", 5);
        awaitHealthy("web", 5);
        assertThat(containers("web")).hasSize(5);
        api.scale("web", 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> containers("web").size() == 2);
    }

    @Test
    @Order(4)
    void crashingProcessBacksOffWithGrowingDelays() {
        api.deploy("""
                name: crasher
                image: %s
                replicas: 1
                command: ["sh", "-c", "echo crashing; exit 3"]
                resources: {cpu: 0.05, memory: 16Mi}
                """.formatted(DemoImage.TAG), true);
        InstanceView i = await().atMost(Duration.ofSeconds(60)).until(() -> api.service("crasher").instances(),
                l -> !l.isEmpty() && l.get(0).restarts() >= 3).get(0);
        assertThat(i.lastExitCode()).isEqualTo(3);
        List<Event> backoffs = api.events(0, Duration.ZERO, 1000).events().stream()
                .filter(e -> "crasher".equals(e.service()) && e.type().equals("instance.backoff")).toList();
        assertThat(backoffs).hasSizeGreaterThanOrEqualTo(3);
        // Each backoff announces its delay ("exited with code 3; restarting in 4s"): they never shrink and they grow.
        List<Long> delays = backoffs.stream().map(e -> announcedDelayMillis(e.message())).toList();
        assertThat(delays).isSorted();
        assertThat(delays.get(delays.size() - 1)).isGreaterThan(delays.get(0));
        assertThat(backoffs.get(0).message()).contains("exited with code 3");
        api.remove("crasher");
    }

    static long announcedDelayMillis(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("in (\\d+)(ms|s)$").matcher(message);
        assertThat(m.find()).as("delay in '%s'", message).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? n * 1000 : n;
    }

    @Test
    @Order(5)
    void aRouteFileSplitsTrafficWithALegacyBackendAndChangesLiveWithoutAFailedRequest() throws Exception {
        api.deploy(web("split", 2), true);
        awaitHealthy("split", 2);
        com.sun.net.httpserver.HttpServer legacy = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        legacy.createContext("/", ex -> {
            byte[] body = "legacy\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        legacy.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        legacy.start();
        try {
            api.applyRoute("""
                    name: split
                    host: split.it.local
                    backends:
                      - {service: split, weight: 25}
                      - {name: legacy, static: ["127.0.0.1:%d"], weight: 75}
                    """.formatted(legacy.getAddress().getPort()), true);
            await().atMost(Duration.ofSeconds(10)).until(() -> viaRouter("split.it.local").body().equals("legacy\n"));

            int n = 1000;
            int toLegacy = 0;
            for (int i = 0; i < n; i++) {
                HttpResponse<String> r = viaRouter("split.it.local");
                assertThat(r.statusCode()).isEqualTo(200);
                if (r.body().equals("legacy\n")) toLegacy++;
            }
            // 75% of 1,000: a binomial spread of about 1.4 points; the router's own test holds ±2 over 10,000.
            assertThat(100.0 * toLegacy / n).isBetween(70.0, 80.0);

            // Under steady load, move everything off the legacy backend: not one request fails.
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger failed = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.ConcurrentLinkedDeque<String> answers = new java.util.concurrent.ConcurrentLinkedDeque<>();
            Thread load = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = viaRouter("split.it.local");
                        sent.incrementAndGet();
                        if (r.statusCode() != 200) failed.incrementAndGet();
                        answers.addLast(r.body());
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
            });
            load.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> sent.get() > 100);
            api.setRouteWeights("split", Map.of("legacy", 0));
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                answers.clear();
                Thread.sleep(300);
                return answers.size() > 20 && answers.stream().noneMatch(a -> a.equals("legacy\n"));
            });
            stop.set(true);
            load.join();
            assertThat(failed.get()).as("failed of %d requests during the weight change", sent.get()).isZero();

            // Without the route file the service's own route: serves its host again.
            api.removeRoute("split");
            await().atMost(Duration.ofSeconds(10)).until(() -> api.routes(0, Duration.ZERO).routes().stream()
                    .anyMatch(r -> r.name().equals("split") && r.backends().size() == 1));
        } finally {
            legacy.stop(0);
            api.remove("split");
        }
    }

    @Test
    @Order(6)
    void aRollingUpdateUnderLoadDropsNoRequest() throws Exception {
        api.deploy(web("roll", 3), true);
        awaitHealthy("roll", 3);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<String> failed = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Thread> clients = new java.util.ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread th = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        HttpResponse<String> r = viaRouter("roll.it.local");
                        if (r.statusCode() != 200) failed.add(r.statusCode() + " " + r.body().strip());
                    } catch (Exception e) {
                        failed.add(e.toString());
                    }
                    sent.incrementAndGet();
                }
            });
            th.start();
            clients.add(th);
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() > 30);
            // A new revision: every instance is replaced, one at a time, each old one drained first.
            api.deploy(web("roll", 3).replace("resources:", "env: {ROLL: \"2\"}\nresources:"), true);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> api.service("roll"),
                    v -> v.revision() == 2 && v.healthy() == 3 && v.instances().size() == 3
                            && v.instances().stream().allMatch(i -> i.revision() == 2));
            int before = sent.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() > before + 20);
        } finally {
            stop.set(true);
            for (Thread th : clients) th.join();
        }
        assertThat(failed).as("failed of %d requests during the rollout", sent.get()).isEmpty();
        api.remove("roll");
    }

    @Test
    @Order(7)
    void missingImageShowsThePullErrorAndIsRetriedWithBackoff() throws Exception {
        api.deploy("""
                name: ghost
                image: 127.0.0.1:5999/wolfpack-it/nothing-here:1
                replicas: 1
                """, true);
        InstanceView i = await().atMost(Duration.ofSeconds(60)).until(() -> api.service("ghost").instances(),
                l -> !l.isEmpty() && l.get(0).state() == InstanceState.BACKOFF && l.get(0).message() != null).get(0);
        assertThat(i.message()).containsIgnoringCase("pull");
        assertThat(i.nextRetryAt()).isNotNull();
        Thread.sleep(8_000);
        long attempts = api.events(0, Duration.ZERO, 1000).events().stream()
                .filter(e -> "ghost".equals(e.service()) && e.type().equals("instance.pull-failed")).count();
        // 1s, 2s, 4s, 8s... over about 10 seconds that is at most a handful of attempts, never a tight loop.
        assertThat(attempts).isBetween(1L, 6L);
        api.remove("ghost");
    }

    @Test
    @Order(8)
    void killNineAndRestartAdoptsRunningContainersWithoutRestartingThem() throws Exception {
        awaitHealthy("web", 2);
        Set<String> before = containers("web").stream().map(ContainerInfo::id).collect(Collectors.toSet());
        Map<String, java.time.Instant> startedBefore = containers("web").stream()
                .collect(Collectors.toMap(ContainerInfo::id, c -> docker.inspect(c.id()).orElseThrow().startedAt()));

        dev.kill();
        dev.start();
        api = dev.api();

        assertThat(api.service("web").spec().replicas()).isEqualTo(2);
        // A fresh JVM on a busy machine may take a while to answer its first requests: that is not what this checks.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> viaRouter("web.it.local").statusCode() == 200);
        awaitHealthy("web", 2);
        Set<String> after = containers("web").stream().map(ContainerInfo::id).collect(Collectors.toSet());
        assertThat(after).isEqualTo(before);
        for (String id : after) {
            assertThat(docker.inspect(id).orElseThrow().startedAt()).isEqualTo(startedBefore.get(id));
        }
        assertThat(api.service("web").instances()).allMatch(i -> i.restarts() == 0);
    }
}
