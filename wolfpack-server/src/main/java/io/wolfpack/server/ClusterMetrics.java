package io.wolfpack.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.store.ClusterMirror;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gauges of the cluster's shape, refreshed from the mirror: {@code wolfpack_instances{service,state}}
 * (state "pending" for placed instances not yet reported) and {@code wolfpack_nodes}.
 */
final class ClusterMetrics {
    private final ClusterMirror mirror;
    private final MultiGauge instances;

    ClusterMetrics(ClusterMirror mirror, MeterRegistry registry) {
        this.mirror = mirror;
        this.instances = MultiGauge.builder("wolfpack_instances")
                .description("Placed instances by service and reported state")
                .register(registry);
        registry.gauge("wolfpack_nodes", mirror, m -> m.nodes().size());
    }

    void refresh() {
        Map<List<String>, Integer> counts = new HashMap<>();
        for (Instance i : mirror.allInstances()) {
            InstanceStatus s = mirror.statuses(i.service()).get(i.id());
            String state = s == null || s.revision() != i.revision() ? InstanceState.PENDING.wire() : s.state().wire();
            counts.merge(List.of(i.service(), state), 1, Integer::sum);
        }
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((k, n) -> rows.add(MultiGauge.Row.of(Tags.of("service", k.get(0), "state", k.get(1)), n)));
        instances.register(rows, true);
    }
}
