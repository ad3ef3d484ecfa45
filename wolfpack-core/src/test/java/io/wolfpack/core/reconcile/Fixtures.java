package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.RouteSpec;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.core.spec.UpdateSpec;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders for records in tests of pure logic. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

    private Fixtures() {
    }

    public static ServiceSpec spec(String name, int replicas) {
        return new ServiceSpec(name, "registry.local/" + name + ":1", replicas, List.of(), Map.of(), null,
                List.of(new PortSpec("http", 8080)), null, new RouteSpec(name + ".local", "/", "http"), null, null);
    }

    public static ServiceRecord record(String name, int replicas, long revision) {
        return new ServiceRecord(spec(name, replicas), revision, T0, T0);
    }

    public static ServiceRecord record(String name, int replicas, long revision, int maxSurge, int maxUnavailable) {
        ServiceSpec s = spec(name, replicas);
        s = new ServiceSpec(s.name(), s.image(), s.replicas(), s.command(), s.env(), s.resources(), s.ports(), s.health(),
                s.route(), s.placement(), new UpdateSpec(maxSurge, maxUnavailable, null));
        return new ServiceRecord(s, revision, T0, T0);
    }

    public static Instance instance(String id, String service, long revision, String node, int second) {
        return new Instance(id, service, revision, node, Map.of("http", 20000 + second), T0.plusSeconds(second));
    }

    public static InstanceStatus running(Instance i, Health health) {
        return new InstanceStatus(i.id(), i.service(), i.node(), i.revision(), InstanceState.RUNNING, health,
                "c-" + i.id(), 0, null, null, T0, null);
    }

    public static InstanceStatus state(Instance i, InstanceState state) {
        return new InstanceStatus(i.id(), i.service(), i.node(), i.revision(), state, Health.UNKNOWN,
                null, 0, null, null, T0, null);
    }
}
