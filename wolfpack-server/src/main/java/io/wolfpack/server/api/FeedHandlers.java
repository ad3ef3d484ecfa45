package io.wolfpack.server.api;

import io.javalin.http.Context;
import io.wolfpack.core.api.EventPage;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.NodeAssignments;
import io.wolfpack.core.model.NodeReport;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.core.spec.TimeSpan;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.server.cluster.ReportIngest;
import io.wolfpack.server.feed.FeedPublisher;
import io.wolfpack.store.ClusterMirror;

import java.time.Duration;

/** The long-polled feeds (agents' assignments, routers' route table, events) and agent reports. */
final class FeedHandlers {
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final int DEFAULT_EVENT_LIMIT = 100;
    static final int MAX_EVENT_LIMIT = 1000;

    private final FeedPublisher feeds;
    private final ReportIngest reports;
    private final ClusterMirror mirror;
    private final EventLog events;

    FeedHandlers(FeedPublisher feeds, ReportIngest reports, ClusterMirror mirror, EventLog events) {
        this.feeds = feeds;
        this.reports = reports;
        this.mirror = mirror;
        this.events = events;
    }

    void report(Context ctx) {
        NodeReport report;
        try {
            report = Json.read(ctx.bodyAsBytes(), NodeReport.class);
        } catch (RuntimeException e) {
            throw new HttpProblem(400, "the body is not a NodeReport: " + ServiceHandlers.rootMessage(e));
        }
        if (report.node() == null || report.node().name() == null || report.node().address() == null) {
            throw HttpProblem.badField("node", null, "a report needs node.name and node.address");
        }
        // Answered once the report's changes are stored, without holding a thread meanwhile.
        long arrived = arrivalMillis(ctx);
        ctx.future(() -> reports.accept(report, arrived).thenAccept(ctx::json));
    }

    /** When the request arrived (Jetty stamps it as it reads the headers), so that time queued in the server counts as its lag. */
    private static long arrivalMillis(Context ctx) {
        org.eclipse.jetty.server.Request jetty = org.eclipse.jetty.server.Request.getBaseRequest(ctx.req());
        return jetty != null && jetty.getTimeStamp() > 0 ? jetty.getTimeStamp() : System.currentTimeMillis();
    }

    void assignments(Context ctx) {
        String node = ctx.queryParam("node");
        if (node == null || node.isBlank()) throw HttpProblem.badField("node", node, "the node name is required");
        long after = longParam(ctx, "after");
        Duration wait = waitParam(ctx);
        ctx.future(() -> feeds.assignments(node).next(after, wait)
                .thenAccept(v -> ctx.json(new NodeAssignments(node, v.version(), v.value()))));
    }

    void routes(Context ctx) {
        long after = longParam(ctx, "after");
        Duration wait = waitParam(ctx);
        ctx.future(() -> feeds.routes().next(after, wait).thenAccept(v -> ctx.json(new RouteTable(v.version(), v.value()))));
    }

    void events(Context ctx) {
        long after = longParam(ctx, "after");
        int limit = ctx.queryParam("limit") == null ? DEFAULT_EVENT_LIMIT : (int) longParam(ctx, "limit");
        if (limit < 1 || limit > MAX_EVENT_LIMIT) {
            throw HttpProblem.badField("limit", String.valueOf(limit), "must be between 1 and " + MAX_EVENT_LIMIT);
        }
        Duration wait = waitParam(ctx);
        if (mirror.lastEventSeq() > after || wait.isZero()) {
            ctx.json(page(after, limit));
            return;
        }
        var changes = events.changes();
        long version = changes.current().version();
        if (mirror.lastEventSeq() > after) {
            ctx.json(page(after, limit));
            return;
        }
        ctx.future(() -> changes.next(version, wait).thenAccept(v -> ctx.json(page(after, limit))));
    }

    private EventPage page(long after, int limit) {
        var list = mirror.eventsAfter(after, limit);
        return new EventPage(list, list.isEmpty() ? after : list.get(list.size() - 1).seq());
    }

    private static long longParam(Context ctx, String name) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) return 0;
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw HttpProblem.badField(name, raw, "must be a whole number");
        }
    }

    private static Duration waitParam(Context ctx) {
        String raw = ctx.queryParam("wait");
        if (raw == null || raw.isEmpty()) return Duration.ZERO;
        try {
            Duration d = TimeSpan.parse(raw).toDuration();
            if (d.compareTo(MAX_WAIT) > 0) throw new IllegalArgumentException("at most " + MAX_WAIT.toSeconds() + "s");
            return d;
        } catch (IllegalArgumentException e) {
            throw HttpProblem.badField("wait", raw, "must be a duration up to 60s, e.g. 30s (" + e.getMessage() + ")");
        }
    }
}
