package io.wolfpack.agent.docker;

import io.wolfpack.agent.demo.DemoImage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

@Tag("integration")
class DockerJavaEngineIntegrationTest {
    private static DockerJavaEngine engine;
    private final String node = "it-engine-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void buildImage() {
        engine = new DockerJavaEngine(DockerJavaEngine.DEFAULT_HOST);
        DemoImage.ensure(engine);
    }

    @AfterEach
    void cleanUp() {
        for (ContainerInfo c : engine.listContainers(Map.of(WolfpackLabels.NODE, node))) engine.remove(c.id(), true);
    }

    private ContainerRequest request(String instance, List<String> command) {
        Map<String, String> labels = Map.of(WolfpackLabels.MANAGED, "true", WolfpackLabels.NODE, node,
                WolfpackLabels.INSTANCE, instance, WolfpackLabels.SERVICE, "svc", WolfpackLabels.REVISION, "1");
        return new ContainerRequest("wp-" + node + "-" + instance, DemoImage.TAG, command, Map.of("GREETING", "hi"),
                labels, 64L << 20, 250_000_000L, List.of(), "127.0.0.1");
    }

    @Test
    void createsStartsListsExecsLogsAndRemovesAContainer() {
        assertThat(engine.version()).isNotBlank();
        String id = engine.create(request("a", List.of("sh", "-c", "echo hello-$GREETING; exec sleep 600")));
        ContainerInfo created = engine.inspect(id).orElseThrow();
        assertThat(created.state()).isEqualTo(ContainerState.CREATED);
        assertThat(created.startedAt()).isNull();

        engine.start(id);
        List<ContainerInfo> listed = engine.listContainers(Map.of(WolfpackLabels.NODE, node));
        assertThat(listed).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo(id);
            assertThat(c.running()).isTrue();
            assertThat(c.name()).isEqualTo("wp-" + node + "-a");
            assertThat(c.labels()).containsEntry(WolfpackLabels.INSTANCE, "a").containsEntry(WolfpackLabels.MANAGED, "true");
            assertThat(c.startedAt()).isNotNull();
            assertThat(c.exitCode()).isNull();
        });
        assertThat(engine.exec(id, List.of("true"), Duration.ofSeconds(10))).isZero();
        assertThat(engine.exec(id, List.of("sh", "-c", "exit 7"), Duration.ofSeconds(10))).isEqualTo(7);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.logs(id, 10).contains("hello-hi"));

        engine.stop(id, 0);
        ContainerInfo stopped = engine.inspect(id).orElseThrow();
        assertThat(stopped.state()).isEqualTo(ContainerState.EXITED);
        assertThat(stopped.finishedAt()).isNotNull();
        assertThat(stopped.exitCode()).isNotNull();

        engine.remove(id, true);
        assertThat(engine.inspect(id)).isEmpty();
        engine.remove(id, true);  // already gone is fine
    }

    @Test
    void reportsTheExitCodeOfAContainerThatExited() {
        String id = engine.create(request("b", List.of("sh", "-c", "exit 3")));
        engine.start(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> engine.inspect(id).orElseThrow().state() == ContainerState.EXITED);
        assertThat(engine.inspect(id).orElseThrow().exitCode()).isEqualTo(3);
    }

    @Test
    void aFailedPullSaysWhatWasTried() {
        assertThatThrownBy(() -> engine.pull("127.0.0.1:5999/nope:1"))
                .isInstanceOf(DockerException.class)
                .hasMessageContaining("pull 127.0.0.1:5999/nope:1 failed");
        assertThat(engine.imageExists("127.0.0.1:5999/nope:1")).isFalse();
        assertThat(engine.imageExists(DemoImage.TAG)).isTrue();
    }

    @Test
    void anEngineThatDoesNotAnswerIsReportedAsUnreachable() {
        try (DockerJavaEngine nowhere = new DockerJavaEngine("unix:///tmp/wolfpack-no-such-docker.sock")) {
            assertThatThrownBy(nowhere::version)
                    .isInstanceOfSatisfying(DockerException.class, e -> assertThat(e.kind()).isEqualTo(DockerException.Kind.UNREACHABLE))
                    .hasMessageContaining("unix:///tmp/wolfpack-no-such-docker.sock");
        }
    }

    @Test
    void readsTheCpuCounterOfARunningContainerOnly() {
        assertThat(engine.cpuUsage("no-such-container-" + node)).isEmpty();
        String id = engine.create(request("cpu", List.of("sh", "-c", "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done; exec sleep 600")));
        assertThat(engine.cpuUsage(id)).as("created, not started").isEmpty();
        engine.start(id);
        CpuUsage first = engine.cpuUsage(id).orElseThrow();
        CpuUsage second = engine.cpuUsage(id).orElseThrow();
        assertThat(second.readAt()).isAfter(first.readAt());
        assertThat(second.totalNanos()).isGreaterThanOrEqualTo(first.totalNanos()).isPositive();
    }
}
