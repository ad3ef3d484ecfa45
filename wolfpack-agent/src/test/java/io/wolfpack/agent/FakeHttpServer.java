package io.wolfpack.agent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.NodeAssignments;
import io.wolfpack.core.model.NodeReport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The agent feed of the server over real HTTP on 127.0.0.1: serves one node's assignments with
 * the long-poll hold and records every report. Checks the Bearer token.
 */
final class FakeHttpServer implements AutoCloseable {
    static final String TOKEN = "test-token";
    private final HttpServer http;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final String node;
    private NodeAssignments current;
    private final List<NodeReport> reports = new ArrayList<>();

    FakeHttpServer(String node) throws IOException {
        this.node = node;
        this.current = new NodeAssignments(node, 0, List.of());
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.setExecutor(pool);
        http.createContext("/v1/agent/assignments", this::assignments);
        http.createContext("/v1/agent/report", this::report);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    synchronized void assign(Assignment... assignments) {
        current = new NodeAssignments(node, current.version() + 1, List.of(assignments));
        notifyAll();
    }

    synchronized List<NodeReport> reports() {
        return new ArrayList<>(reports);
    }

    synchronized NodeReport lastReport() {
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    private boolean authorized(HttpExchange ex) throws IOException {
        if (("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) return true;
        ex.sendResponseHeaders(401, -1);
        ex.close();
        return false;
    }

    private void assignments(HttpExchange ex) throws IOException {
        if (!authorized(ex)) return;
        Map<String, String> q = query(ex.getRequestURI());
        long after = Long.parseLong(q.getOrDefault("after", "0"));
        long waitMs = Math.min(2000, Long.parseLong(q.getOrDefault("wait", "0ms").replace("ms", "")));
        NodeAssignments answer;
        synchronized (this) {
            long deadline = System.currentTimeMillis() + waitMs;
            try {
                while (current.version() <= after && System.currentTimeMillis() < deadline) {
                    wait(Math.max(1, deadline - System.currentTimeMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer = current;
        }
        byte[] body = Json.bytes(answer);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private void report(HttpExchange ex) throws IOException {
        if (!authorized(ex)) return;
        NodeReport r = Json.read(ex.getRequestBody().readAllBytes(), NodeReport.class);
        synchronized (this) {
            reports.add(r);
        }
        ex.sendResponseHeaders(204, -1);
        ex.close();
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> out = new HashMap<>();
        String raw = uri.getRawQuery();
        if (raw == null) return out;
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) out.put(part.substring(0, eq), java.net.URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        http.stop(0);
        pool.shutdownNow();
    }
}
