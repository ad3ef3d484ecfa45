package io.wolfpack.cli.commands;

import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.NodeView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.Resources;
import io.wolfpack.core.spec.RouteSpec;
import io.wolfpack.core.spec.ServiceSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Canned API values; times are relative to {@link CliRunner#NOW}. */
final class Fixtures {
    static final Instant NOW = CliRunner.NOW;

    private Fixtures() {
    }

    static ServiceSpec spec(String name, int replicas, String image) {
        return new ServiceSpec(name, image, replicas, List.of(), Map.of(),
                new Resources(0.25, ByteSize.parse("64Mi")), List.of(new PortSpec("http", 8080)), null,
                new RouteSpec(name + ".local", "/", "http"), null, null);
    }

    static InstanceView running(String id, long revision) {
        return new InstanceView(id, revision, "local", "127.0.0.1", Map.of("http", 20417), InstanceState.RUNNING,
                Health.PASSING, "4f1c", 0, null, null, NOW.minusSeconds(300), null, NOW.minusSeconds(300));
    }

    static InstanceView backoff(String id, long revision) {
        return new InstanceView(id, revision, "local", "127.0.0.1", Map.of(), InstanceState.BACKOFF,
                Health.UNKNOWN, "9a2b", 3, 1, "exited with code 1; restarting in 8s", NOW.minusSeconds(2),
                NOW.plusSeconds(8), NOW.minusSeconds(7200));
    }

    static ServiceView web(long revision, int replicas, List<InstanceView> instances, List<ServiceView.Unplaced> unplaced) {
        int running = (int) instances.stream().filter(i -> i.state() == InstanceState.RUNNING).count();
        return new ServiceView("web", revision, spec("web", replicas, "registry.local:5000/web:1.4"), replicas, running,
                running, instances, unplaced, NOW.minusSeconds(3600), NOW.minusSeconds(300));
    }

    static NodeView node(String name, NodeState state, String engineError) {
        return new NodeView(name, "127.0.0.1", state, Map.of("zone", "a", "disk", "ssd"), 2.0, 0.3,
                ByteSize.parse("23Gi"), ByteSize.parse("384Mi"), 3, "20.10.24", engineError, NOW.minusSeconds(1), null);
    }

    static Event event(long seq, String type, String message) {
        return new Event(seq, Instant.parse("2026-11-25T18:00:01Z").plusSeconds(seq), type, "web", "web-k3x9q2", "local", message);
    }
}
