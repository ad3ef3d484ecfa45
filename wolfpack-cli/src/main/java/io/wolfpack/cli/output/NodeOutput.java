package io.wolfpack.cli.output;

import io.wolfpack.core.api.NodeView;

import java.time.Instant;
import java.util.List;

/** Human output of {@code wolfpack nodes}. */
public final class NodeOutput {
    private NodeOutput() {
    }

    /** The node table, then one line per node whose Docker engine does not answer. */
    public static String table(List<NodeView> nodes, Instant now) {
        if (nodes.isEmpty()) return "no nodes have registered; start an agent with: wolfpack agent --server URL\n";
        Table t = Table.of("NAME", "STATE", "ADDRESS", "CPU", "MEMORY", "INSTANCES", "ENGINE", "LABELS", "HEARTBEAT");
        StringBuilder problems = new StringBuilder();
        for (NodeView n : nodes) {
            t.row(n.name(), n.state() == null ? null : n.state().wire(), n.address(),
                    Format.cpu(n.cpuUsed()) + "/" + Format.cpu(n.cpuTotal()),
                    memory(n), n.instances(),
                    n.engineError() != null ? "error" : n.engineVersion(),
                    Format.labels(n.labels()),
                    n.lastHeartbeat() == null ? null : Format.age(n.lastHeartbeat(), now) + " ago");
            if (n.engineError() != null) {
                problems.append("node ").append(n.name()).append(": engine error: ").append(n.engineError()).append('\n');
            }
            if ("quarantined".equals(n.control())) {
                problems.append("node ").append(n.name()).append(": quarantined: instances of several services kept failing here")
                        .append(" (evidence: wolfpack events); re-admit it with: wolfpack uncordon ").append(n.name()).append('\n');
            }
        }
        return problems.length() == 0 ? t.render() : t.render() + "\n" + problems;
    }

    private static String memory(NodeView n) {
        String used = n.memoryUsed() == null ? "?" : n.memoryUsed().human();
        String total = n.memoryTotal() == null ? "?" : n.memoryTotal().human();
        return used + "/" + total;
    }
}
