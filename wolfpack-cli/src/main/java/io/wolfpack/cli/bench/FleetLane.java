package io.wolfpack.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.EventLoop;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.NodeAssignments;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The simulated nodes of one event loop: their heartbeat timer, reports and assignment long-polls
 * all run on that loop, so a response is handled where it arrived and nothing is locked or handed
 * between threads.
 *
 * <p>A node's next heartbeat goes out only once the previous one was answered (as an agent does);
 * one that comes due while the last is still in flight is counted as skipped, the sign that the
 * server does not keep up. After its first accepted report a node long-polls its assignments for
 * as long as the simulator runs, on a connection of its own; a failed poll is retried after 1 s.
 */
final class FleetLane {
    static final String REPORT_PATH = "/v1/agent/report";
    static final long REPORT_TIMEOUT_MILLIS = 10_000;
    static final long POLL_WAIT_MILLIS = 20_000;
    static final long POLL_TIMEOUT_MILLIS = POLL_WAIT_MILLIS + 10_000;
    static final long POLL_RETRY_MILLIS = 1000;
    /** The heartbeat timer sleeps at least this long: at 10,000 nodes a tick sends ~10 reports instead of waking 10,000 times a second. */
    static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final SimHttp http;
    private final EventLoop loop;
    private final List<SimNode> nodes;
    private final SimConnection[] pollConnections;
    private final HeartbeatSchedule schedule;
    private final FleetStats stats;
    private final Runnable tick = this::tick;
    private long startNanos;
    private long sent; // heartbeats that came due so far, sent or skipped

    /** {@code nodes} are this loop's share of the fleet, in the order of {@link HeartbeatSchedule#fleetIndex}. */
    FleetLane(SimHttp http, List<SimNode> nodes, HeartbeatSchedule schedule, FleetStats stats) {
        if (nodes.size() != schedule.size()) {
            throw new IllegalArgumentException(nodes.size() + " nodes for a lane whose schedule has " + schedule.size());
        }
        this.http = http;
        this.loop = http.loop();
        this.nodes = List.copyOf(nodes);
        this.pollConnections = new SimConnection[nodes.size()];
        this.schedule = schedule;
        this.stats = stats;
    }

    /** Starts the heartbeats; {@code startNanos} (a {@link System#nanoTime}) is the same for every lane, so the fleet's spread holds. */
    void start(long startNanos) {
        loop.execute(() -> {
            this.startNanos = startNanos;
            tick();
        });
    }

    /** Sends every heartbeat that is due, then sleeps until the next one. */
    private void tick() {
        if (stats.stopped()) return;
        long now = System.nanoTime() - startNanos;
        try {
            while (schedule.dueNanos(sent) <= now) report((int) (sent++ % nodes.size()));
        } finally {
            // whatever one report threw, the fleet's heartbeats go on
            loop.schedule(tick, Math.max(MIN_TICK_NANOS, schedule.dueNanos(sent) - now), TimeUnit.NANOSECONDS);
        }
    }

    private void report(int i) {
        SimNode node = nodes.get(i);
        if (!node.reportInFlight.compareAndSet(false, true)) {
            stats.skipped();
            return;
        }
        SimNode.Heartbeat hb = node.heartbeat();
        long t0 = System.nanoTime();
        http.post(REPORT_PATH, hb.body(), REPORT_TIMEOUT_MILLIS, (status, body, err) -> reported(i, hb, t0, status, body, err));
    }

    private void reported(int i, SimNode.Heartbeat hb, long t0, int status, ByteBuf body, Throwable err) {
        long micros = (System.nanoTime() - t0) / 1000;
        SimNode node = nodes.get(i);
        node.reportInFlight.set(false);
        if (err != null || (status != 200 && status != 204)) {
            stats.reportFailed(node.name(), why(status, body, err));
            return;
        }
        boolean first = !node.registered();
        stats.reported(micros, node.accepted(hb), first);
        if (first) poll(i);
    }

    /** Long-polls node i's assignments: the next set after the one it has, or the same one after the wait. */
    private void poll(int i) {
        if (stats.stopped()) return;
        SimNode node = nodes.get(i);
        String path = "/v1/agent/assignments?node=" + URLEncoder.encode(node.name(), StandardCharsets.UTF_8)
                + "&after=" + node.assignmentsVersion() + "&wait=" + POLL_WAIT_MILLIS + "ms";
        pollConnections[i] = http.get(pollConnections[i], path, POLL_TIMEOUT_MILLIS, (status, body, err) -> polled(i, status, body, err));
    }

    private void polled(int i, int status, ByteBuf body, Throwable err) {
        SimNode node = nodes.get(i);
        if (err != null || status != 200) {
            stats.pollFailed(node.name(), why(status, null, err));
            loop.schedule(() -> poll(i), POLL_RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        try {
            // the wait usually runs out with the set the node has: parse only a new version
            long version = AssignmentsVersion.peek(body);
            if (version == AssignmentsVersion.UNKNOWN || version != node.assignmentsVersion()) {
                NodeAssignments a = Json.read(ByteBufUtil.getBytes(body), NodeAssignments.class);
                if (a.version() != node.assignmentsVersion()) node.assigned(a.version(), a.assignments());
            }
            stats.polled();
        } catch (RuntimeException e) {
            stats.pollFailed(node.name(), e.toString());
        }
        poll(i);
    }

    private static String why(int status, ByteBuf body, Throwable err) {
        if (err != null) return err.toString();
        return "HTTP " + status + (body == null ? "" : " " + body.toString(StandardCharsets.UTF_8));
    }
}
