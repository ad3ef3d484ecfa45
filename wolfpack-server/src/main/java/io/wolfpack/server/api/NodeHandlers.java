package io.wolfpack.server.api;

import io.javalin.http.Context;
import io.wolfpack.core.api.NodeView;
import io.wolfpack.core.model.NodeControl;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterStore;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/** /v1/nodes: list, and the operator's cordon, uncordon and drain. */
final class NodeHandlers {
    private static final Duration READ_YOUR_WRITE = Duration.ofSeconds(5);

    private final ClusterStore store;
    private final ClusterViews views;
    private final EventLog events;
    private final Clock clock;

    NodeHandlers(ClusterStore store, ClusterViews views, EventLog events, Clock clock) {
        this.store = store;
        this.views = views;
        this.events = events;
        this.clock = clock;
    }

    void list(Context ctx) {
        ctx.json(views.nodes());
    }

    void cordon(Context ctx) throws InterruptedException {
        String node = known(ctx.pathParam("name"));
        NodeControl now = new NodeControl(node, true, false, clock.instant(), "cordoned");
        change(ctx, node, now, "node.cordoned", "takes no new instances; its instances stay");
    }

    void drain(Context ctx) throws InterruptedException {
        String node = known(ctx.pathParam("name"));
        int instances = (int) store.mirror().allInstances().stream().filter(i -> i.node().equals(node)).count();
        NodeControl now = new NodeControl(node, true, true, clock.instant(), "drained");
        change(ctx, node, now, "node.draining", "moving " + instances + " instances elsewhere, each replacement healthy"
                + " before the old one stops");
    }

    void uncordon(Context ctx) throws InterruptedException {
        String node = known(ctx.pathParam("name"));
        change(ctx, node, null, "node.uncordoned", "takes new instances again");
    }

    private void change(Context ctx, String node, NodeControl control, String eventType, String message)
            throws InterruptedException {
        NodeControl before = store.mirror().nodeControls().get(node);
        boolean same = control == null ? before == null
                : before != null && before.cordoned() == control.cordoned() && before.draining() == control.draining();
        if (!same) {
            store.putNodeControl(node, control);
            events.emit(eventType, null, null, node, message);
            store.mirror().await(() -> sameFlags(store.mirror().nodeControls().get(node), control), READ_YOUR_WRITE);
        }
        ctx.json(view(node));
    }

    private static boolean sameFlags(NodeControl a, NodeControl b) {
        if (a == null || b == null) return a == b;
        return a.cordoned() == b.cordoned() && a.draining() == b.draining();
    }

    private NodeView view(String node) {
        return views.nodes().stream().filter(n -> n.name().equals(node)).findFirst()
                .orElseThrow(() -> HttpProblem.notFound("no node named '" + node + "'"));
    }

    private String known(String node) {
        if (!store.mirror().nodes().containsKey(node)) {
            throw HttpProblem.notFound("no node named '" + node + "'; nodes: "
                    + String.join(", ", store.mirror().nodes().keySet().stream().sorted().toList()));
        }
        return Objects.requireNonNull(node);
    }
}
