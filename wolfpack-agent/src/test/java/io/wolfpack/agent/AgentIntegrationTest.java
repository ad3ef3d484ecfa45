package io.wolfpack.agent;

import io.wolfpack.agent.demo.DemoImage;
import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.CountingDockerEngine;
import io.wolfpack.agent.docker.DockerJavaEngine;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeReport;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.HealthSpec;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.Resources;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.TimeSpan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent on the real Docker engine against a fake server over HTTP. */
@Tag("integration")
class AgentIntegrationTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static DockerJavaEngine docker;

    private final String node = "it-agent-" + UUID.randomUUID().toString().substring(0, 8);
    private FakeHttpServer server;
    private CountingDockerEngine engine;
    private final List<Agent> agents = new ArrayList<>();

    @BeforeAll
    static void image() {
        docker = new DockerJavaEngine(DockerJavaEngine.DEFAULT_HOST);
        DemoImage.ensure(docker);
    }

    @AfterAll
    static void closeDocker() {
        docker.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        server = new FakeHttpServer(node);
        engine = new CountingDockerEngine(new io.wolfpack.agent.docker.AuditingDockerEngine(docker));
    }

    @AfterEach
    void cleanUp() {
        agents.forEach(Agent::close);
        server.close();
        for (ContainerInfo c : docker.listContainers(Map.of(WolfpackLabels.NODE, node, WolfpackLabels.MANAGED, "true"))) {
            docker.remove(c.id(), true);
        }
    }

    private Agent startAgent() {
        AgentConfig config = AgentConfig.builder(node).publishIp("127.0.0.1").listen("127.0.0.1", 0)
                .token(FakeHttpServer.TOKEN).heartbeatInterval(Duration.ofMillis(200))
                .reconcileInterval(Duration.ofMillis(100)).assignmentsWait(Duration.ofSeconds(1))
                .stopGrace(Duration.ofSeconds(1)).backoff(Duration.ofMillis(500), Duration.ofSeconds(8)).build();
        Agent agent = new Agent(config, ServerLink.of(new ApiClient(server.url(), FakeHttpServer.TOKEN)), engine, Clock.systemUTC());
        agents.add(agent);
        agent.start();
        return agent;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private Assignment web(String id, String image, List<String> command, int hostPort) {
        HealthSpec health = new HealthSpec(new HealthSpec.HttpCheck("http", "/healthz"), null, null,
                TimeSpan.ofMillis(300), TimeSpan.ofMillis(500), 1, 2);
        ServiceSpec spec = new ServiceSpec("web", image, 1, command, Map.of(), new Resources(0.1, ByteSize.parse("32Mi")),
                List.of(new PortSpec("http", DemoImage.PORT)), health, null, null, null);
        Map<String, Integer> ports = hostPort == 0 ? Map.of() : Map.of("http", hostPort);
        return new Assignment(new Instance(id, "web", 1, node, ports, Instant.now()), spec);
    }

    private Optional<InstanceStatus> reported(String id) {
        NodeReport r = server.lastReport();
        return r == null ? Optional.empty() : r.instances().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private List<ContainerInfo> containersOf(String instance) {
        return docker.listContainers(Map.of(WolfpackLabels.NODE, node, WolfpackLabels.INSTANCE, instance));
    }

    private boolean runningAndPassing(String id) {
        return reported(id).map(s -> s.state() == InstanceState.RUNNING && s.health() == Health.PASSING).orElse(false);
    }

    @Test
    void runsAnAssignmentReplacesItWhenRemovedBehindItsBackAndRemovesItWhenUnassigned() throws Exception {
        String id = "web-" + node.substring(node.length() - 8);
        int port = freePort();
        startAgent();
        server.assign(web(id, DemoImage.TAG, List.of(), port));

        await().atMost(LONG).until(() -> runningAndPassing(id));
        ContainerInfo c = containersOf(id).get(0);
        assertThat(c.name()).isEqualTo("wp-" + id);
        assertThat(c.labels()).containsEntry(WolfpackLabels.SERVICE, "web").containsEntry(WolfpackLabels.INSTANCE, id)
                .containsEntry(WolfpackLabels.NODE, node).containsEntry(WolfpackLabels.REVISION, "1")
                .containsEntry(WolfpackLabels.MANAGED, "true");
        var page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Hello from " + id);
        assertThat(server.lastReport().node().engineVersion()).isNotBlank();

        docker.remove(c.id(), true);  // docker rm -f behind the agent's back
        await().atMost(LONG).until(() -> reported(id).map(s -> s.containerId() != null && !s.containerId().equals(c.id())
                && s.state() == InstanceState.RUNNING).orElse(false));
        assertThat(containersOf(id)).singleElement().satisfies(n -> assertThat(n.running()).isTrue());

        server.assign();
        await().atMost(LONG).until(() -> containersOf(id).isEmpty());
    }

    @Test
    void aCrashingCommandBacksOffLongerEachTime() {
        String id = "crash-" + node.substring(node.length() - 8);
        startAgent();
        server.assign(web(id, DemoImage.TAG, List.of("sh", "-c", "exit 3"), 0));
        await().atMost(LONG).until(() -> reported(id).map(s -> s.restarts() >= 3).orElse(false));

        List<InstanceStatus> history = server.reports().stream().flatMap(r -> r.instances().stream())
                .filter(s -> s.id().equals(id) && s.state() == InstanceState.BACKOFF).toList();
        assertThat(history).isNotEmpty().allSatisfy(s -> {
            assertThat(s.lastExitCode()).isEqualTo(3);
            assertThat(s.message()).startsWith("exited with code 3; restarting in");
            assertThat(s.nextRetryAt()).isNotNull();
        });
        List<Long> delays = history.stream().map(s -> delayMillis(s.message())).distinct().toList();
        assertThat(delays).hasSizeGreaterThanOrEqualTo(2).isSorted();
    }

    private static long delayMillis(String message) {
        Matcher m = Pattern.compile("restarting in (\\d+)(ms|s)$").matcher(message);
        assertThat(m.find()).as(message).isTrue();
        long n = Long.parseLong(m.group(1));
        return m.group(2).equals("s") ? n * 1000 : n;
    }

    @Test
    void aMissingImageBacksOffWithThePullErrorAndNoTightLoop() {
        String id = "nope-" + node.substring(node.length() - 8);
        String image = "127.0.0.1:5999/nope:1";
        startAgent();
        server.assign(web(id, image, List.of(), 0));
        await().atMost(LONG).until(() -> reported(id).map(s -> s.state() == InstanceState.BACKOFF).orElse(false));
        InstanceStatus s = reported(id).orElseThrow();
        assertThat(s.message()).startsWith("image pull failed:").contains("127.0.0.1:5999").contains("retrying in");

        int listsBefore = engine.lists();
        await().atMost(LONG).until(() -> engine.lists() >= listsBefore + 40);  // 40 passes: 40 pulls if it looped
        assertThat(engine.pulls(image)).isBetween(1, 8);
        assertThat(containersOf(id)).isEmpty();
    }

    /** A container with no port or check that runs {@code command}, limited to {@code cores}. */
    private Assignment plain(String id, List<String> command, double cores) {
        ServiceSpec spec = new ServiceSpec("cpu", DemoImage.TAG, 1, command, Map.of(), new Resources(cores, ByteSize.parse("32Mi")),
                List.of(), null, null, null, null);
        return new Assignment(new Instance(id, "cpu", 1, node, Map.of(), Instant.now()), spec);
    }

    /**
     * A busy loop limited to 0.05 cores reads about 0.05, never more: the limit rather than the
     * host's load sets the number, so this holds on a crowded test host too (unlimited, the same
     * loop got only 0.1-0.26 of a core on a shared 2-core host at load 20; on an idle one, 1.0).
     * A crowded host can hold it somewhat below its limit, hence the lower bound at 0.02.
     */
    @Test
    void reportsTheCpuEachContainerUsesFromTheEngine() {
        String busy = "busy-" + node.substring(node.length() - 8);
        String idle = "idle-" + node.substring(node.length() - 8);
        startAgent();
        server.assign(plain(busy, List.of("sh", "-c", "while :; do :; done"), 0.05),
                plain(idle, List.of("sh", "-c", "exec sleep 600"), 0.05));
        // The sampler reads every 5 s and a rate needs two readings.
        await().atMost(LONG).until(() -> reported(busy).map(InstanceStatus::cpu).isPresent()
                && reported(idle).map(InstanceStatus::cpu).isPresent());
        double busyCores = reported(busy).orElseThrow().cpu();
        double idleCores = reported(idle).orElseThrow().cpu();
        System.out.printf("reported CPU: busy loop limited to 0.05 cores %.4f, sleep %.4f%n", busyCores, idleCores);
        assertThat(busyCores).as("a busy loop limited to 0.05 cores").isBetween(0.02, 0.06);
        assertThat(idleCores).as("a sleeping container").isLessThan(0.005);
    }

    @Test
    void aRestartedAgentAdoptsItsRunningContainers() {
        String id = "adopt-" + node.substring(node.length() - 8);
        Agent first = startAgent();
        server.assign(web(id, DemoImage.TAG, List.of("sh", "-c", "exec sleep 600"), 0));
        await().atMost(LONG).until(() -> reported(id).map(s -> s.state() == InstanceState.RUNNING).orElse(false));
        ContainerInfo before = containersOf(id).get(0);
        first.close();
        agents.remove(first);

        int reportsBefore = server.reports().size();
        startAgent();
        await().atMost(LONG).until(() -> server.reports().size() > reportsBefore
                && reported(id).map(s -> s.state() == InstanceState.RUNNING).orElse(false));
        assertThat(reported(id).orElseThrow().containerId()).isEqualTo(before.id());
        assertThat(reported(id).orElseThrow().restarts()).isZero();
        ContainerInfo after = containersOf(id).get(0);
        assertThat(after.id()).isEqualTo(before.id());
        assertThat(after.startedAt()).isEqualTo(before.startedAt());
    }

    @Test
    void anInstanceThatStaysUnhealthyIsReplacedByAFreshContainer() throws Exception {
        String id = "sick-" + node.substring(node.length() - 8);
        int port = freePort();
        startAgent();
        server.assign(web(id, DemoImage.TAG, List.of(), port));
        await().atMost(LONG).until(() -> runningAndPassing(id));
        String first = reported(id).orElseThrow().containerId();

        // the service breaks inside its container: /healthz now answers 404
        assertThat(docker.exec(first, List.of("rm", "/www/healthz"), Duration.ofSeconds(10))).isZero();
        await().atMost(LONG).until(() -> reported(id).map(s -> s.restarts() == 1 && !first.equals(s.containerId())).orElse(false)
                && runningAndPassing(id));

        InstanceStatus now = reported(id).orElseThrow();
        assertThat(now.message()).startsWith("restarted after failing its health check for ").contains("/healthz returned 404");
        assertThat(containersOf(id)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(now.containerId());
            assertThat(c.running()).isTrue();
        });
        var healthz = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(healthz.statusCode()).isEqualTo(200);

        List<InstanceStatus> history = server.reports().stream().flatMap(r -> r.instances().stream())
                .filter(s -> s.id().equals(id)).toList();
        assertThat(history).anySatisfy(s -> {
            assertThat(s.containerId()).isEqualTo(first);
            assertThat(s.health()).isEqualTo(Health.FAILING);
            assertThat(s.message()).contains("returned 404");
        });
        assertThat(history).filteredOn(s -> s.state() == InstanceState.BACKOFF).isNotEmpty().allSatisfy(s -> {
            assertThat(s.message()).startsWith("failed its health check for ").contains("/healthz returned 404; restarting in 500ms");
            assertThat(s.nextRetryAt()).isNotNull();
        });
    }
}
