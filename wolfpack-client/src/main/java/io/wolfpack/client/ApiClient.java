package io.wolfpack.client;

import com.fasterxml.jackson.core.type.TypeReference;
import io.wolfpack.core.api.ApiError;
import io.wolfpack.core.api.EventPage;
import io.wolfpack.core.api.NodeView;
import io.wolfpack.core.api.ScaleRequest;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.NodeAssignments;
import io.wolfpack.core.model.NodeReport;
import io.wolfpack.core.route.RouteTable;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Wolfpack REST API (docs/API.md) for the CLI, agents and routers. Thread-safe. Every call
 * sends the cluster token; every failure becomes an {@link ApiException} that says what was tried.
 */
public final class ApiClient {
    public static final String DEFAULT_ADDR = "http://127.0.0.1:7700";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final String token;
    private final HttpClient http;

    public ApiClient(String baseUrl, String token) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.base = URI.create(b);
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    }

    public URI base() {
        return base;
    }

    // ---- services

    /** Creates or updates a service from spec text; {@code yaml} selects the content type. */
    public ServiceView deploy(String specText, boolean yaml) {
        return send("POST", "/v1/services", HttpRequest.BodyPublishers.ofString(specText),
                yaml ? "application/yaml" : "application/json", CALL_TIMEOUT, ServiceView.class);
    }

    public List<ServiceView> services() {
        return get("/v1/services", new TypeReference<>() { });
    }

    public ServiceView service(String name) {
        return send("GET", "/v1/services/" + enc(name), HttpRequest.BodyPublishers.noBody(), null, CALL_TIMEOUT,
                ServiceView.class);
    }

    public ServiceView scale(String name, int replicas) {
        return send("PUT", "/v1/services/" + enc(name) + "/replicas", json(new ScaleRequest(replicas)),
                "application/json", CALL_TIMEOUT, ServiceView.class);
    }

    public void remove(String name) {
        send("DELETE", "/v1/services/" + enc(name), HttpRequest.BodyPublishers.noBody(), null, CALL_TIMEOUT, Void.class);
    }

    /** The kept revisions of a service, oldest first. */
    public List<io.wolfpack.core.api.RevisionView> revisions(String name) {
        return get("/v1/services/" + enc(name) + "/revisions", new TypeReference<>() { });
    }

    /** Goes back to revision {@code to}, or to the one before the current when null. */
    public ServiceView rollback(String name, Long to) {
        return send("POST", "/v1/services/" + enc(name) + "/rollback", json(to == null ? Map.of() : Map.of("to", to)),
                "application/json", CALL_TIMEOUT, ServiceView.class);
    }

    /** {@code action} is pause, resume or promote: manual control of a canary in progress. */
    public ServiceView rolloutAction(String name, String action) {
        return send("POST", "/v1/services/" + enc(name) + "/rollout/" + enc(action), HttpRequest.BodyPublishers.noBody(), null,
                CALL_TIMEOUT, ServiceView.class);
    }

    /** The last {@code tail} log lines of one instance, or of every instance when {@code instance} is null. */
    public String logs(String name, String instance, int tail) {
        String q = "?tail=" + tail + (instance == null ? "" : "&instance=" + enc(instance));
        return send("GET", "/v1/services/" + enc(name) + "/logs" + q, HttpRequest.BodyPublishers.noBody(), null,
                Duration.ofSeconds(30), String.class);
    }

    // ---- route files

    /** Creates or replaces the route a route file declares; {@code yaml} selects the content type. */
    public io.wolfpack.core.api.RouteDefinitionView applyRoute(String routeText, boolean yaml) {
        return send("POST", "/v1/route-definitions", HttpRequest.BodyPublishers.ofString(routeText),
                yaml ? "application/yaml" : "application/json", CALL_TIMEOUT, io.wolfpack.core.api.RouteDefinitionView.class);
    }

    public List<io.wolfpack.core.api.RouteDefinitionView> routeDefinitions() {
        return get("/v1/route-definitions", new TypeReference<>() { });
    }

    public io.wolfpack.core.api.RouteDefinitionView routeDefinition(String name) {
        return send("GET", "/v1/route-definitions/" + enc(name), HttpRequest.BodyPublishers.noBody(), null, CALL_TIMEOUT,
                io.wolfpack.core.api.RouteDefinitionView.class);
    }

    /** Changes the weights of the named backends; the others keep theirs. */
    public io.wolfpack.core.api.RouteDefinitionView setRouteWeights(String route, java.util.Map<String, Integer> weights) {
        return send("PUT", "/v1/route-definitions/" + enc(route) + "/weights", json(weights), "application/json",
                CALL_TIMEOUT, io.wolfpack.core.api.RouteDefinitionView.class);
    }

    public void removeRoute(String name) {
        send("DELETE", "/v1/route-definitions/" + enc(name), HttpRequest.BodyPublishers.noBody(), null, CALL_TIMEOUT, Void.class);
    }

    // ---- nodes and events

    public List<NodeView> nodes() {
        return get("/v1/nodes", new TypeReference<>() { });
    }

    /** Stops placing new instances on the node; its instances stay. */
    public NodeView cordon(String node) {
        return nodeAction(node, "cordon");
    }

    /** Cordons the node and moves its instances elsewhere, each replacement healthy before the old one stops. */
    public NodeView drain(String node) {
        return nodeAction(node, "drain");
    }

    /** Lets the node take new instances again (ends a cordon or a drain). */
    public NodeView uncordon(String node) {
        return nodeAction(node, "uncordon");
    }

    private NodeView nodeAction(String node, String action) {
        return send("POST", "/v1/nodes/" + enc(node) + "/" + action, HttpRequest.BodyPublishers.noBody(), null,
                CALL_TIMEOUT, NodeView.class);
    }

    /** Events after {@code after}; with a positive {@code wait} the server holds the call until one arrives. */
    public EventPage events(long after, Duration wait, int limit) {
        return send("GET", "/v1/events?after=" + after + "&limit=" + limit + "&wait=" + wait.toMillis() + "ms",
                HttpRequest.BodyPublishers.noBody(), null, wait.plus(CALL_TIMEOUT), EventPage.class);
    }

    // ---- agent and router feeds

    /** Sends a node's heartbeat and observed state; the reply says when to send the next. */
    public io.wolfpack.core.model.ReportReply report(NodeReport report) {
        return send("POST", "/v1/agent/report", json(report), "application/json", CALL_TIMEOUT,
                io.wolfpack.core.model.ReportReply.class);
    }

    /** The node's assignments once their version is above {@code after}, or the current ones after {@code wait}. */
    public NodeAssignments assignments(String node, long after, Duration wait) {
        return send("GET", "/v1/agent/assignments?node=" + enc(node) + "&after=" + after + "&wait=" + wait.toMillis() + "ms",
                HttpRequest.BodyPublishers.noBody(), null, wait.plus(CALL_TIMEOUT), NodeAssignments.class);
    }

    /** The route table once its version is above {@code after}, or the current one after {@code wait}. */
    public RouteTable routes(long after, Duration wait) {
        return send("GET", "/v1/routes?after=" + after + "&wait=" + wait.toMillis() + "ms",
                HttpRequest.BodyPublishers.noBody(), null, wait.plus(CALL_TIMEOUT), RouteTable.class);
    }

    /** Sends a router's traffic counters (the server compares canary and stable revisions with them). */
    public void routerStats(io.wolfpack.core.route.RouterStats stats) {
        send("POST", "/v1/router/stats", json(stats), "application/json", CALL_TIMEOUT, Void.class);
    }

    // ---- images and campaigns (docs/IMAGES.md)

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(30);

    public io.wolfpack.core.api.ImageRepoView addImageRepo(String source, String name) {
        java.util.Map<String, String> body = new java.util.LinkedHashMap<>();
        body.put("source", source);
        if (name != null) body.put("name", name);
        return send("POST", "/v1/images/repos", json(body), "application/json", CALL_TIMEOUT, io.wolfpack.core.api.ImageRepoView.class);
    }

    public List<io.wolfpack.core.api.ImageRepoView> imageRepos() {
        return get("/v1/images/repos", new TypeReference<>() { });
    }

    public List<io.wolfpack.core.api.ImageView> images() {
        return get("/v1/images", new TypeReference<>() { });
    }

    /** Builds the named images (all when empty) in lineage order; waits for the builds (up to 30 minutes). */
    public List<io.wolfpack.core.image.ImageBuild> buildImages(List<String> names) {
        String body = send("POST", "/v1/images/build", json(java.util.Map.of("images", names)), "application/json",
                BUILD_TIMEOUT, String.class);
        try {
            return Json.MAPPER.readValue(body, new TypeReference<List<io.wolfpack.core.image.ImageBuild>>() { });
        } catch (IOException e) {
            throw new ApiException(0, "POST /v1/images/build returned a body this client cannot read: " + e.getMessage(), null, e);
        }
    }

    public io.wolfpack.core.api.AffectedView affected(String of) {
        return get("/v1/images/affected?of=" + enc(of), new TypeReference<>() { });
    }

    public io.wolfpack.core.api.SprawlView sprawl() {
        return get("/v1/images/sprawl", new TypeReference<>() { });
    }

    public io.wolfpack.core.api.CampaignView startCampaign(String base, boolean dryRun, Integer waveSize, Integer parallel) {
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("base", base);
        body.put("dryRun", dryRun);
        if (waveSize != null) body.put("waveSize", waveSize);
        if (parallel != null) body.put("parallel", parallel);
        return send("POST", "/v1/campaigns", json(body), "application/json", CALL_TIMEOUT, io.wolfpack.core.api.CampaignView.class);
    }

    public List<io.wolfpack.core.api.CampaignView> campaigns() {
        return get("/v1/campaigns", new TypeReference<>() { });
    }

    public io.wolfpack.core.api.CampaignView campaign(String id) {
        return get("/v1/campaigns/" + enc(id), new TypeReference<>() { });
    }

    /** {@code action}: pause, resume or abort. */
    public io.wolfpack.core.api.CampaignView campaignAction(String id, String action) {
        return send("POST", "/v1/campaigns/" + enc(id) + "/" + action, HttpRequest.BodyPublishers.noBody(), null, CALL_TIMEOUT,
                io.wolfpack.core.api.CampaignView.class);
    }

    // ---- plumbing

    private <T> T get(String path, TypeReference<T> type) {
        String body = send("GET", path, HttpRequest.BodyPublishers.noBody(), null, CALL_TIMEOUT, String.class);
        try {
            return Json.MAPPER.readValue(body, type);
        } catch (IOException e) {
            throw new ApiException(0, "GET " + base + path + " returned a body this client cannot read: " + e.getMessage()
                    + " (is the server the same Wolfpack version?)", null, e);
        }
    }

    @SuppressWarnings("unchecked")
    private <T> T send(String method, String path, HttpRequest.BodyPublisher body, String contentType,
                       Duration timeout, Class<T> type) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .method(method, body)
                .header("Accept", "application/json");
        if (token != null && !token.isEmpty()) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        String what = method + " " + base + path;
        HttpResponse<String> resp;
        try {
            resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApiException(0, "cannot reach the Wolfpack server at " + base + " (" + what + "): "
                    + describe(e) + "; is it running? Point at it with --addr or WOLFPACK_ADDR", null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(0, what + " was interrupted", null, e);
        }
        if (resp.statusCode() >= 300) throw error(what, resp);
        if (type == Void.class) return null;
        if (type == String.class) return (T) resp.body();
        if (resp.body() == null || resp.body().isBlank()) return null; // 204, or an older server
        try {
            return Json.MAPPER.readValue(resp.body(), type);
        } catch (IOException e) {
            throw new ApiException(0, what + " returned a body this client cannot read: " + e.getMessage()
                    + " (is the server the same Wolfpack version?)", null, e);
        }
    }

    private static ApiException error(String what, HttpResponse<String> resp) {
        try {
            ApiError err = Json.MAPPER.readValue(resp.body(), ApiError.Envelope.class).error();
            if (err != null) return new ApiException(resp.statusCode(), err.message(), err.fields(), null);
        } catch (IOException | RuntimeException ignored) {
            // not our error shape: fall through and show the raw body
        }
        String body = resp.body() == null ? "" : resp.body().strip();
        if (body.length() > 300) body = body.substring(0, 300) + "...";
        return new ApiException(resp.statusCode(), what + " failed with HTTP " + resp.statusCode()
                + (body.isEmpty() ? "" : ": " + body), null, null);
    }

    private static String describe(IOException e) {
        if (e instanceof java.net.ConnectException) return "connection refused";
        if (e instanceof java.net.http.HttpTimeoutException) return "timed out";
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
