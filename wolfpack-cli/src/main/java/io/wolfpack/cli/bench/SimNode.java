package io.wolfpack.cli.bench;

import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.core.model.NodeReport;
import io.wolfpack.core.spec.ByteSize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One simulated agent: what it registers as, the last assignment set it received, and the
 * heartbeat it sends. Every assigned instance is "running" with health "passing" at once; its
 * {@code since} is the instance's creation time and its container id is derived from the instance
 * id, so a status is the same in every report (and across simulator restarts) and the server
 * writes it only once.
 */
final class SimNode {
    private static final String[] ZONES = {"a", "b", "c"};

    /** The heartbeat body, serialised once per assignment set so the simulator is not the bottleneck. */
    record Heartbeat(int running, byte[] body) {
    }

    final NodeInfo info;
    final AtomicBoolean reportInFlight = new AtomicBoolean();
    private volatile long assignmentsVersion;
    private volatile Heartbeat heartbeat;
    private volatile boolean registered;
    private int reportedRunning;

    SimNode(int ordinal) {
        String name = name(ordinal);
        this.info = new NodeInfo(name, "127.0.0.1", 8, ByteSize.parse("32Gi"), Map.of("zone", ZONES[(ordinal - 1) % 3]),
                "simulated", "fleet-simulator", null);
        this.heartbeat = new Heartbeat(0, Json.bytes(new NodeReport(info, null, List.of(), 0.1)));
    }

    static String name(int ordinal) {
        return String.format("sim-%05d", ordinal);
    }

    String name() {
        return info.name();
    }

    long assignmentsVersion() {
        return assignmentsVersion;
    }

    /** Takes a received assignment set: its instances are reported running from the next heartbeat on. */
    void assigned(long version, List<Assignment> assignments) {
        List<InstanceStatus> statuses = new ArrayList<>(assignments.size());
        for (Assignment a : assignments) {
            Instance i = a.instance();
            statuses.add(new InstanceStatus(i.id(), i.service(), info.name(), i.revision(), InstanceState.RUNNING,
                    Health.PASSING, "sim-" + i.id(), 0, null, null, i.createdAt(), null));
        }
        heartbeat = new Heartbeat(statuses.size(), Json.bytes(new NodeReport(info, null, statuses, 0.1)));
        assignmentsVersion = version;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    boolean registered() {
        return registered;
    }

    /**
     * A heartbeat was accepted (reports of one node never overlap: see {@link #reportInFlight});
     * returns the change in the running instances this node has reported, for the fleet's total.
     */
    int accepted(Heartbeat sent) {
        registered = true;
        int delta = sent.running() - reportedRunning;
        reportedRunning = sent.running();
        return delta;
    }
}
