package io.wolfpack.agent;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.ContainerState;
import io.wolfpack.agent.docker.FakeDockerEngine;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeReport;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.spec.HealthSpec;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.TimeSpan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent's loops against a fake engine and a fake server. */
class AgentTest {
    private static final String NODE = "n1";
    private static final String IMAGE = "wolfpack/demo:1";
    private final FakeDockerEngine engine = new FakeDockerEngine(Clock.systemUTC()).withImage(IMAGE);
    private final FakeServerLink server = new FakeServerLink(NODE);
    private Agent agent;

    private Agent start() {
        AgentConfig config = AgentConfig.builder(NODE).listen("127.0.0.1", 0)
                .heartbeatInterval(Duration.ofMillis(100)).reconcileInterval(Duration.ofMillis(50))
                .assignmentsWait(Duration.ofMillis(500)).stopGrace(Duration.ZERO)
                .backoff(Duration.ofMillis(200), Duration.ofSeconds(2)).unhealthyRestartMin(Duration.ofSeconds(1)).build();
        agent = new Agent(config, server, engine, Clock.systemUTC());
        agent.start();
        return agent;
    }

    @AfterEach
    void stop() {
        if (agent != null) agent.close();
    }

    private static Assignment assignment(String id, String image) {
        ServiceSpec spec = new ServiceSpec("web", image, 1, List.of(), Map.of(), null, List.of(), null, null, null, null);
        return new Assignment(new Instance(id, "web", 1, NODE, Map.of(), Instant.now()), spec);
    }

    private static Assignment checked(String id) {
        HealthSpec check = new HealthSpec(null, null, List.of("check"), TimeSpan.ofMillis(100), TimeSpan.ofMillis(100), 1, 2);
        ServiceSpec spec = new ServiceSpec("web", IMAGE, 1, List.of(), Map.of(), null, List.of(), check, null, null, null);
        return new Assignment(new Instance(id, "web", 1, NODE, Map.of(), Instant.now()), spec);
    }

    private Optional<InstanceStatus> reported(String id) {
        NodeReport r = server.lastReport();
        return r == null ? Optional.empty() : r.instances().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private List<ContainerInfo> containersOf(String instance) {
        return engine.all().stream().filter(c -> instance.equals(c.label(WolfpackLabels.INSTANCE))).toList();
    }

    private void awaitPasses(int n) {
        int before = (int) engine.calls().stream().filter("list"::equals).count();
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.calls().stream().filter("list"::equals).count() >= before + n);
    }

    @Test
    void reportsFirstThenRunsWhatItIsAssigned() {
        server.assign(assignment("web-1", IMAGE));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1").map(s -> s.state() == InstanceState.RUNNING).orElse(false));
        assertThat(server.calls().get(0)).isEqualTo("report");
        assertThat(containersOf("web-1")).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("wp-web-1");
            assertThat(c.labels()).containsEntry(WolfpackLabels.NODE, NODE).containsEntry(WolfpackLabels.REVISION, "1");
        });
        NodeReport report = server.lastReport();
        assertThat(report.engineError()).isNull();
        assertThat(report.node().engineVersion()).isEqualTo("20.10.24-fake");
        assertThat(report.node().agentUrl()).isEqualTo(agent.agentUrl()).startsWith("http://127.0.0.1:");
    }

    @Test
    void removesNothingUntilTheFirstSetArrivesThenRemovesWhatIsNotAssigned() {
        engine.add(FakeDockerEngine.labelled("old", "gone-1", NODE, 1, ContainerState.RUNNING, Instant.now(), null, null));
        server.setReachable(false);
        start();
        awaitPasses(5);
        assertThat(containersOf("gone-1")).hasSize(1);

        server.setReachable(true);
        server.assign();
        await().atMost(Duration.ofSeconds(10)).until(() -> containersOf("gone-1").isEmpty());
    }

    @Test
    void keepsContainersRunningWhileTheServerIsUnreachable() {
        server.assign(assignment("web-1", IMAGE));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !containersOf("web-1").isEmpty() && containersOf("web-1").get(0).running());
        String id = containersOf("web-1").get(0).id();
        server.setReachable(false);
        awaitPasses(10);
        assertThat(containersOf("web-1")).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.running()).isTrue();
        });
    }

    @Test
    void reportsAnEngineThatDoesNotAnswerAndRemovesNothing() {
        server.assign(assignment("web-1", IMAGE));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1").map(s -> s.state() == InstanceState.RUNNING).orElse(false));
        engine.setDown(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.lastReport().engineError() != null);
        assertThat(server.lastReport().engineError()).contains("does not answer").contains("fake engine is down");
        engine.setDown(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> server.lastReport().engineError() == null);
        assertThat(containersOf("web-1")).hasSize(1);
    }

    @Test
    void aCrashingContainerGoesIntoBackoffAndIsRestarted() {
        server.assign(assignment("web-1", IMAGE));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !containersOf("web-1").isEmpty() && containersOf("web-1").get(0).running());
        for (int i = 1; i <= 3; i++) {
            String id = containersOf("web-1").get(0).id();
            engine.exit(id, 3);
            int restarts = i;
            await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1")
                    .map(s -> s.restarts() == restarts && s.state() == InstanceState.RUNNING).orElse(false));
        }
        assertThat(reported("web-1").orElseThrow().lastExitCode()).isEqualTo(3);
        assertThat(server.reports()).flatExtracting(NodeReport::instances)
                .anySatisfy(s -> assertThat(s.message()).startsWith("exited with code 3; restarting in"));
    }

    @Test
    void aFailingPullBacksOffInsteadOfLooping() {
        engine.failPulls("registry.local/x:1", "manifest unknown for registry.local/x:1");
        server.assign(assignment("web-1", "registry.local/x:1"));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1").map(s -> s.state() == InstanceState.BACKOFF).orElse(false));
        assertThat(reported("web-1").orElseThrow().message()).contains("image pull failed").contains("manifest unknown");
        awaitPasses(20);  // 20 passes of 50ms would be 20 pulls in a tight loop
        assertThat(engine.pullCount("registry.local/x:1")).isBetween(1, 6);
    }

    @Test
    void replacesAContainerRemovedBehindItsBack() {
        server.assign(assignment("web-1", IMAGE));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> !containersOf("web-1").isEmpty() && containersOf("web-1").get(0).running());
        String first = containersOf("web-1").get(0).id();
        engine.removeBehindTheBack(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> !containersOf("web-1").isEmpty()
                && !containersOf("web-1").get(0).id().equals(first) && containersOf("web-1").get(0).running());
    }

    @Test
    void aContainerThatStaysUnhealthyIsReplacedByANewOneAndCountedAsARestart() {
        server.assign(checked("web-1"));
        start();
        await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1")
                .map(s -> s.state() == InstanceState.RUNNING && s.health() == Health.PASSING).orElse(false));
        String first = reported("web-1").orElseThrow().containerId();

        engine.failChecks(first);
        await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1").map(s -> s.restarts() == 1
                && s.state() == InstanceState.RUNNING && s.health() == Health.PASSING).orElse(false));
        InstanceStatus now = reported("web-1").orElseThrow();
        assertThat(now.containerId()).isNotEqualTo(first);
        assertThat(now.message()).startsWith("restarted after failing its health check for ")
                .endsWith(": exec [check] exited with code 1");
        assertThat(engine.all()).extracting(ContainerInfo::id).doesNotContain(first);
        assertThat(engine.calls()).containsSubsequence("stop " + first, "remove " + first);

        List<InstanceStatus> history = server.reports().stream().flatMap(r -> r.instances().stream()).toList();
        // out of the routes first, then stopped for a restart, which waits for the backoff
        assertThat(history).anySatisfy(s -> {
            assertThat(s.containerId()).isEqualTo(first);
            assertThat(s.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(s.health()).isEqualTo(Health.FAILING);
        });
        assertThat(history).filteredOn(s -> s.state() == InstanceState.BACKOFF).isNotEmpty().allSatisfy(s -> {
            assertThat(s.message()).startsWith("failed its health check for ").endsWith("; restarting in 200ms");
            assertThat(s.nextRetryAt()).isNotNull();
            assertThat(s.restarts()).isZero();
        });
    }

    @Test
    void aPermanentlyUnhealthyServiceIsRestartedWithAGrowingBackoff() {
        server.assign(checked("web-1"));
        start();
        for (int i = 1; i <= 3; i++) {
            int restarts = i - 1;
            await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1").map(s -> s.restarts() == restarts
                    && s.state() == InstanceState.RUNNING && s.health() == Health.PASSING).orElse(false));
            engine.failChecks(reported("web-1").orElseThrow().containerId());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> reported("web-1").map(s -> s.restarts() == 3).orElse(false));
        List<String> waits = server.reports().stream().flatMap(r -> r.instances().stream())
                .filter(s -> s.state() == InstanceState.BACKOFF).map(s -> s.message().replaceAll(".*restarting in ", ""))
                .distinct().toList();
        assertThat(waits).containsExactly("200ms", "400ms", "800ms");
    }
}
