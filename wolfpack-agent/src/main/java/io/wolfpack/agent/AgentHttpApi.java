package io.wolfpack.agent;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.wolfpack.agent.docker.ContainerInfo;
import io.wolfpack.agent.docker.DockerEngine;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.core.api.ApiError;
import io.wolfpack.core.json.Json;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The agent's own small API, for the server: {@code GET /v1/agent/logs?instance=ID&tail=N} answers
 * the container's last log lines as text/plain. Every call needs the cluster token as a Bearer.
 */
final class AgentHttpApi implements AutoCloseable {
    static final int DEFAULT_TAIL = 200;
    static final int MAX_TAIL = 10_000;

    private final DockerEngine engine;
    private final AgentConfig config;
    private Javalin app;

    AgentHttpApi(DockerEngine engine, AgentConfig config) {
        this.engine = engine;
        this.config = config;
    }

    /** Starts listening; returns the bound port. */
    int start() {
        app = Javalin.create(cfg -> cfg.showJavalinBanner = false);
        app.before("/v1/*", this::authenticate);
        app.get("/v1/agent/logs", this::logs);
        app.exception(Exception.class, (e, ctx) -> error(ctx, 500, "agent error: " + e.getMessage()));
        app.start(config.listenHost(), config.listenPort());
        return app.port();
    }

    private void authenticate(Context ctx) {
        String expected = "Bearer " + config.token();
        String given = ctx.header("Authorization");
        if (config.token().isEmpty()) return;
        if (given == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8))) {
            error(ctx, 401, "missing or wrong token: send 'Authorization: Bearer TOKEN' with the cluster token "
                    + "(the server keeps it in DATA_DIR/token)");
            ctx.skipRemainingHandlers();
        }
    }

    private void logs(Context ctx) {
        String instance = ctx.queryParam("instance");
        if (instance == null || instance.isBlank()) {
            error(ctx, 400, "query parameter 'instance' is required, e.g. ?instance=web-k3x9q2");
            return;
        }
        int tail = DEFAULT_TAIL;
        String tailText = ctx.queryParam("tail");
        if (tailText != null) {
            try {
                tail = Integer.parseInt(tailText);
            } catch (NumberFormatException e) {
                tail = -1;
            }
            if (tail < 1 || tail > MAX_TAIL) {
                error(ctx, 400, "tail = " + tailText + ": must be a whole number from 1 to " + MAX_TAIL);
                return;
            }
        }
        List<ContainerInfo> found = engine.listContainers(Map.of(WolfpackLabels.NODE, config.nodeName(),
                WolfpackLabels.INSTANCE, instance));
        var newest = found.stream().max(Comparator.comparing(c -> c.startedAt() == null ? java.time.Instant.MIN : c.startedAt()));
        if (newest.isEmpty()) {
            error(ctx, 404, "no container for instance '" + instance + "' on node '" + config.nodeName() + "'");
            return;
        }
        ctx.contentType("text/plain; charset=utf-8").result(engine.logs(newest.get().id(), tail));
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json")
                .result(Json.text(new ApiError.Envelope(new ApiError(status, message, null))));
    }

    @Override
    public void close() {
        if (app != null) app.stop();
    }
}
