package io.wolfpack.agent;

import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.NodeAssignments;
import io.wolfpack.core.model.NodeReport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A server in memory: holds the node's assignments like the real long-poll, records reports, can go away. */
final class FakeServerLink implements ServerLink {
    private final String node;
    private NodeAssignments current;
    private boolean reachable = true;
    private final List<NodeReport> reports = new ArrayList<>();
    private final List<String> calls = new ArrayList<>();

    FakeServerLink(String node) {
        this.node = node;
    }

    synchronized void assign(Assignment... assignments) {
        long v = current == null ? 1 : current.version() + 1;
        current = new NodeAssignments(node, v, List.of(assignments));
        notifyAll();
    }

    synchronized void setReachable(boolean up) {
        reachable = up;
        notifyAll();
    }

    synchronized List<NodeReport> reports() {
        return new ArrayList<>(reports);
    }

    synchronized NodeReport lastReport() {
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    synchronized List<String> calls() {
        return new ArrayList<>(calls);
    }

    @Override
    public synchronized NodeAssignments assignments(String node, long after, Duration wait) {
        calls.add("assignments");
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (reachable && (current == null || current.version() <= after) && System.nanoTime() < deadline) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
        if (!reachable) throw new IllegalStateException("cannot reach the Wolfpack server (fake): connection refused");
        if (current == null) return new NodeAssignments(node, 0, List.of());
        return current;
    }

    @Override
    public synchronized java.time.Duration report(NodeReport report) {
        calls.add("report");
        if (!reachable) throw new IllegalStateException("cannot reach the Wolfpack server (fake): connection refused");
        reports.add(report);
        return null;
    }
}
