package io.wolfpack.server.api;

import io.javalin.http.Context;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.NodeInfo;
import io.wolfpack.store.ClusterMirror;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * GET /v1/services/{name}/logs: asks the agent of each instance's node for its container logs
 * (agents hold the engines; the server holds none) and returns them as text.
 */
final class LogsHandler {
    static final int DEFAULT_TAIL = 200;
    static final int MAX_TAIL = 10_000;

    private final ClusterMirror mirror;
    private final ServiceHandlers services;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    LogsHandler(ClusterMirror mirror, ServiceHandlers services, String token) {
        this.mirror = mirror;
        this.services = services;
        this.token = token;
    }

    void logs(Context ctx) throws InterruptedException {
        String name = ctx.pathParam("name");
        services.find(name);
        int tail = tail(ctx.queryParam("tail"));
        String only = ctx.queryParam("instance");
        Map<String, Instance> instances = mirror.instances(name);
        List<Instance> chosen = new ArrayList<>();
        if (only != null) {
            Instance i = instances.get(only);
            if (i == null) {
                throw HttpProblem.notFound("service '" + name + "' has no instance '" + only + "'; instances: "
                        + String.join(", ", instances.keySet().stream().sorted().toList()));
            }
            chosen.add(i);
        } else {
            instances.values().stream().sorted(Comparator.comparing(Instance::id)).forEach(chosen::add);
        }
        StringBuilder out = new StringBuilder();
        for (Instance i : chosen) {
            String text = fetch(i, tail);
            if (only == null) out.append("==> ").append(i.id()).append(" on ").append(i.node()).append(" <==\n");
            out.append(text);
            if (!text.isEmpty() && !text.endsWith("\n")) out.append('\n');
        }
        ctx.contentType("text/plain; charset=utf-8").result(out.toString());
    }

    private String fetch(Instance i, int tail) throws InterruptedException {
        NodeInfo node = mirror.nodes().get(i.node());
        if (node == null || node.agentUrl() == null) return "(node " + i.node() + " has not told where its agent listens)\n";
        String url = node.agentUrl() + "/v1/agent/logs?instance=" + URLEncoder.encode(i.id(), StandardCharsets.UTF_8)
                + "&tail=" + tail;
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (resp.statusCode() == 200) return resp.body();
            return "(agent on " + i.node() + " answered HTTP " + resp.statusCode() + ": " + resp.body().strip() + ")\n";
        } catch (IOException e) {
            return "(cannot reach the agent of " + i.node() + " at " + node.agentUrl() + ": " + e + ")\n";
        }
    }

    private static int tail(String raw) {
        if (raw == null) return DEFAULT_TAIL;
        try {
            int n = Integer.parseInt(raw);
            if (n >= 1 && n <= MAX_TAIL) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw HttpProblem.badField("tail", raw, "must be a whole number between 1 and " + MAX_TAIL);
    }
}
