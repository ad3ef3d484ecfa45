package io.wolfpack.server.cluster;

import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.api.NodeView;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeControl;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.NodeState;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.ByteSize;
import io.wolfpack.store.ClusterMirror;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Joins desired and observed state from the mirror into what the API shows. */
public final class ClusterViews {
    private final ClusterMirror mirror;
    private final NodeRegistry registry;

    public ClusterViews(ClusterMirror mirror, NodeRegistry registry) {
        this.mirror = mirror;
        this.registry = registry;
    }

    public List<ServiceView> services() {
        return mirror.services().values().stream()
                .map(v -> service(v.value()))
                .sorted(Comparator.comparing(ServiceView::name))
                .toList();
    }

    public ServiceView service(ServiceRecord record) {
        Map<String, InstanceStatus> statuses = mirror.statuses(record.name());
        Map<String, NodeInfo> nodes = mirror.nodes();
        List<InstanceView> views = new ArrayList<>();
        int running = 0;
        int healthy = 0;
        for (Instance i : mirror.instances(record.name()).values()) {
            InstanceStatus s = statuses.get(i.id());
            if (s != null && s.revision() != i.revision()) s = null;
            NodeInfo node = nodes.get(i.node());
            views.add(instance(i, s, node));
            if (s != null && s.state() == InstanceState.RUNNING) running++;
            if (s != null && s.routable()) healthy++;
        }
        views.sort(Comparator.comparing(InstanceView::createdAt).thenComparing(InstanceView::id));
        String why = mirror.unplaced(record.name());
        List<ServiceView.Unplaced> unplaced = why == null ? List.of() : List.of(parseUnplaced(why));
        return new ServiceView(record.name(), record.revision(), record.spec(), record.spec().replicas(),
                running, healthy, views, unplaced, record.createdAt(), record.updatedAt(), record.failed(),
                record.canary() != null && record.canary().revision() == record.revision() ? record.canary() : null);
    }

    private static InstanceView instance(Instance i, InstanceStatus s, NodeInfo node) {
        String address = node == null ? null : node.address();
        if (s == null) {
            return new InstanceView(i.id(), i.revision(), i.node(), address, i.hostPorts(), InstanceState.PENDING,
                    Health.UNKNOWN, null, 0, null, null, null, null, i.createdAt());
        }
        return new InstanceView(i.id(), i.revision(), i.node(), address, i.hostPorts(), s.state(), s.health(),
                s.containerId(), s.restarts(), s.lastExitCode(), s.message(), s.since(), s.nextRetryAt(), i.createdAt());
    }

    /** Stored as "COUNT\tREASON" so the count survives next to the scheduler's sentence. */
    static ServiceView.Unplaced parseUnplaced(String stored) {
        int tab = stored.indexOf('\t');
        if (tab < 0) return new ServiceView.Unplaced(0, stored);
        return new ServiceView.Unplaced(Integer.parseInt(stored.substring(0, tab)), stored.substring(tab + 1));
    }

    public static String formatUnplaced(int count, String reason) {
        return count + "\t" + reason;
    }

    public List<NodeView> nodes() {
        Map<String, ServiceRecord> services = new java.util.HashMap<>();
        mirror.services().forEach((k, v) -> services.put(k, v.value()));
        // One pass over the instances, not one per node.
        Map<String, long[]> usage = new java.util.HashMap<>(); // node -> {milliCpu, memory, count}
        for (Instance i : mirror.allInstances()) {
            long[] u = usage.computeIfAbsent(i.node(), n -> new long[3]);
            u[2]++;
            ServiceRecord r = services.get(i.service());
            if (r != null) {
                u[0] += r.spec().resources().milliCpu();
                u[1] += r.spec().resources().memory().bytes();
            }
        }
        Map<String, NodeControl> controls = mirror.nodeControls();
        List<NodeView> out = new ArrayList<>();
        for (NodeInfo n : mirror.nodes().values()) {
            long[] u = usage.getOrDefault(n.name(), new long[3]);
            NodeRegistry.Heartbeat hb = registry.last(n.name());
            NodeControl control = controls.get(n.name());
            NodeState state = NodeControl.effective(control, registry.liveness(n.name()));
            out.add(new NodeView(n.name(), n.address(), state, n.labels(), n.cpu(), u[0] / 1000.0,
                    n.memory(), new ByteSize(u[1]), (int) u[2], n.engineVersion(), hb == null ? null : hb.engineError(),
                    hb == null ? null : hb.at(), control == null ? null : control.reason()));
        }
        out.sort(Comparator.comparing(NodeView::name));
        return out;
    }
}
