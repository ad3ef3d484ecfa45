package io.wolfpack.cli.commands;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wolfpack.core.api.ApiError;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.spec.FieldError;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in Wolfpack server on 127.0.0.1:0 that answers canned JSON built from the core records
 * and records every request, so tests can check what the CLI sent and what it printed.
 */
final class FakeApi implements AutoCloseable {
    record Request(String method, String path, String query, String authorization, String contentType, String body) {
    }

    record Response(int status, String contentType, String body) {
        static Response json(int status, Object value) {
            return new Response(status, "application/json", Json.text(value));
        }

        static Response error(int status, String message, List<FieldError> fields) {
            return json(status, new ApiError.Envelope(new ApiError(status, message, fields)));
        }

        static Response text(String body) {
            return new Response(200, "text/plain", body);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Response>> routes = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code METHOD path} (path without query) with {@code response}. */
    FakeApi on(String method, String path, Response response) {
        return on(method, path, r -> response);
    }

    FakeApi on(String method, String path, Function<Request, Response> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    List<Request> requests(String method, String path) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().equals(path)).toList();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            Request req = new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Authorization"), ex.getRequestHeaders().getFirst("Content-Type"),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            requests.add(req);
            Function<Request, Response> h = routes.get(req.method() + " " + req.path());
            Response resp = h == null
                    ? Response.error(404, "no such path in the fake API: " + req.method() + " " + req.path(), null)
                    : h.apply(req);
            byte[] body = resp.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", resp.contentType());
            ex.sendResponseHeaders(resp.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
