package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.ContainerState;
import io.wolfpack.agent.docker.FakeDockerEngine;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.HealthSpec;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.Resources;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.TimeSpan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders for reconciler tests. */
final class Fixtures {
    static final String NODE = "n1";
    static final String IMAGE = "registry.local:5000/web:1";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {
    }

    static ServiceSpec spec(HealthSpec health) {
        return new ServiceSpec("web", IMAGE, 1, List.of(), Map.of(), new Resources(0.25, ByteSize.parse("64Mi")),
                List.of(new PortSpec("http", 8080)), health, null, null, null);
    }

    static HealthSpec httpHealth() {
        return new HealthSpec(new HealthSpec.HttpCheck("http", "/healthz"), null, null, TimeSpan.ofMillis(1000),
                TimeSpan.ofMillis(500), 1, 2);
    }

    static Assignment assignment(String id, long revision) {
        return new Assignment(new Instance(id, "web", revision, NODE, Map.of("http", 20000), T0), spec(null));
    }

    static ContainerInfo running(String cid, String instance, long revision, Instant startedAt) {
        return FakeDockerEngine.labelled(cid, instance, NODE, revision, ContainerState.RUNNING, startedAt, null, null);
    }

    static ContainerInfo exited(String cid, String instance, long revision, Instant startedAt, Instant finishedAt, int code) {
        return FakeDockerEngine.labelled(cid, instance, NODE, revision, ContainerState.EXITED, startedAt, finishedAt, code);
    }

    static HostSnapshot snap(List<Assignment> assignments, List<ContainerInfo> containers,
                             Map<String, LocalInstanceState> local, Instant now) {
        return new HostSnapshot(NODE, true, assignments, containers, java.util.Set.of(IMAGE), local, now);
    }
}
