package io.wolfpack.server.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wolfpack.core.api.ApiError;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.spec.SpecException;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.server.cluster.ReportIngest;
import io.wolfpack.server.feed.FeedPublisher;
import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.ConflictException;
import io.wolfpack.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import io.wolfpack.server.TokenFile;

/**
 * The REST API of docs/API.md on Javalin: routes, the token check on every /v1 call, and the one
 * error shape. Handlers throw {@link HttpProblem} (or a store or spec exception); this class maps
 * each to its status and body.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final Javalin app;
    private final byte[] token;
    private final byte[] joinToken;
    private final Path dataDir;
    private final Map<String, Long> refusalLoggedAt = new ConcurrentHashMap<>();

    public ApiServer(ClusterStore store, ClusterViews views, EventLog events, ReportIngest reports, FeedPublisher feeds,
                     PrometheusMeterRegistry metrics, String token, String joinToken, Path dataDir, Clock clock,
                     io.wolfpack.server.cluster.TrafficStats traffic) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.joinToken = joinToken.getBytes(StandardCharsets.UTF_8);
        this.dataDir = dataDir;
        ServiceHandlers services = new ServiceHandlers(store, views, events, clock);
        RolloutHandlers rollouts = new RolloutHandlers(store, views, events, clock, services);
        // Agents know the join token, not the cluster token: it is what the server shows them.
        LogsHandler logs = new LogsHandler(store.mirror(), services, joinToken);
        FeedHandlers feedHandlers = new FeedHandlers(feeds, reports, store.mirror(), events);
        NodeHandlers nodes = new NodeHandlers(store, views, events, clock);
        RouteHandlers routes = new RouteHandlers(store, events);

        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.defaultContentType = "application/json";
            config.useVirtualThreads = false;
        });
        app.before("/v1/*", this::authenticate);
        app.get("/healthz", ctx -> {
            if (store.connected()) ctx.contentType("text/plain").result("ok\n");
            else ctx.status(503).contentType("text/plain").result("ZooKeeper at " + store.connectString() + " is not connected\n");
        });
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));

        app.post("/v1/services", services::deploy);
        app.get("/v1/services", services::list);
        app.get("/v1/services/{name}", services::get);
        app.put("/v1/services/{name}/replicas", services::scale);
        app.delete("/v1/services/{name}", services::remove);
        app.get("/v1/services/{name}/logs", logs::logs);
        app.get("/v1/services/{name}/revisions", rollouts::revisions);
        app.post("/v1/services/{name}/rollback", rollouts::rollback);
        app.get("/v1/nodes", nodes::list);
        app.post("/v1/nodes/{name}/cordon", nodes::cordon);
        app.post("/v1/nodes/{name}/uncordon", nodes::uncordon);
        app.post("/v1/nodes/{name}/drain", nodes::drain);
        app.get("/v1/events", feedHandlers::events);
        app.post("/v1/agent/report", feedHandlers::report);
        app.get("/v1/agent/assignments", feedHandlers::assignments);
        app.get("/v1/routes", feedHandlers::routes);
        app.post("/v1/router/stats", ctx -> {
            io.wolfpack.core.route.RouterStats stats;
            try {
                stats = Json.read(ctx.bodyAsBytes(), io.wolfpack.core.route.RouterStats.class);
            } catch (RuntimeException e) {
                throw new HttpProblem(400, "the body is not RouterStats: " + ServiceHandlers.rootMessage(e));
            }
            if (stats.router() == null) throw HttpProblem.badField("router", null, "the router's name is required");
            traffic.accept(stats);
            ctx.status(204);
        });
        app.post("/v1/services/{name}/rollout/pause", rollouts::pause);
        app.post("/v1/services/{name}/rollout/resume", rollouts::resume);
        app.post("/v1/services/{name}/rollout/promote", rollouts::promote);
        app.get("/v1/route-definitions", routes::list);
        app.post("/v1/route-definitions", routes::apply);
        app.get("/v1/route-definitions/{name}", routes::get);
        app.delete("/v1/route-definitions/{name}", routes::remove);
        app.put("/v1/route-definitions/{name}/weights", routes::weights);

        app.exception(HttpProblem.class, (e, ctx) -> problem(ctx, e.status(), e.getMessage(), e.fields()));
        app.exception(SpecException.class, (e, ctx) -> problem(ctx, 400, e.getMessage().lines().findFirst().orElse("invalid spec"), e.errors()));
        app.exception(ConflictException.class, (e, ctx) -> problem(ctx, 409, e.getMessage(), List.of()));
        app.exception(StoreException.class, (e, ctx) -> problem(ctx, 503, "the cluster state is unavailable: " + e.getMessage(), List.of()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            problem(ctx, 500, "internal error while handling " + ctx.method() + " " + ctx.path() + ": " + e, List.of());
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                problem(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path() + " (see docs/API.md)", List.of());
            }
        });
        app.error(405, ctx -> problem(ctx, 405, ctx.method() + " is not allowed on " + ctx.path(), List.of()));
    }

    /** Adds routes from another part of the server (the images API), before {@link #start}. */
    public void add(java.util.function.Consumer<Javalin> routes) {
        routes.accept(app);
    }

    public void start(String host, int port) {
        app.start(host, port);
    }

    public int port() {
        return app.port();
    }

    /**
     * The cluster token opens everything; the join token only what agents and routers need
     * (their feeds), so a host's agent credentials cannot change the cluster.
     */
    private void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        byte[] g = given == null ? null : given.getBytes(StandardCharsets.UTF_8);
        if (g != null && MessageDigest.isEqual(token, g)) return;
        boolean feed = ctx.path().startsWith("/v1/agent/") || ctx.path().startsWith("/v1/router/") || ctx.path().equals("/v1/routes");
        if (feed) {
            if (g != null && MessageDigest.isEqual(joinToken, g)) return;
            logRefusal(ctx, given == null ? "no join token" : "a wrong join token");
            throw new HttpProblem(401, "join token refused by the Wolfpack server: " + (given == null ? "none was sent" : "it does not match")
                    + ". Agents and routers join with the token in " + dataDir.resolve(TokenFile.JOIN_NAME)
                    + " on the server host (--join-token-file or --join-token).");
        }
        throw new HttpProblem(401, (given == null ? "missing" : "wrong") + " cluster token: send 'Authorization: Bearer TOKEN'."
                + " The token is in " + dataDir.resolve(TokenFile.NAME) + " on the server host (wolfpack dev: .wolfpack/token);"
                + " the CLI reads it from --token, WOLFPACK_TOKEN or --data-dir.");
    }

    /** One line per caller per minute: an agent with a wrong token retries every few seconds. */
    private void logRefusal(Context ctx, String what) {
        String who = ctx.ip();
        long now = System.nanoTime();
        Long last = refusalLoggedAt.get(who);
        if (last != null && now - last < 60_000_000_000L) return;
        refusalLoggedAt.put(who, now);
        String node = ctx.queryParam("node");
        log.warn("refused {} {} from {}{}: {}", ctx.method(), ctx.path(), who, node == null ? "" : " (node " + node + ")", what);
    }

    private static void problem(Context ctx, int status, String message, List<io.wolfpack.core.spec.FieldError> fields) {
        ctx.status(status).json(new ApiError.Envelope(new ApiError(status, message, fields)));
    }

    @Override
    public void close() {
        app.stop();
    }
}
