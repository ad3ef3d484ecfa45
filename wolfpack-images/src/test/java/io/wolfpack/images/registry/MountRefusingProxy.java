package io.wolfpack.images.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A loopback proxy in front of a real registry that behaves like a registry refusing
 * cross-repository mounts (as a pull-through cache does): it drops {@code mount} and {@code from}
 * from upload requests, so the registry opens a plain upload and answers 202. Everything else is
 * passed through, Location headers rewritten to point back at the proxy.
 */
final class MountRefusingProxy implements AutoCloseable {
    private static final List<String> PASSED_HEADERS = List.of("Content-Type", "Docker-Content-Digest", "Docker-Upload-UUID", "Range", "Location");

    private final HttpServer server;
    private final URI target;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final AtomicInteger mountsRefused = new AtomicInteger();

    MountRefusingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI in = exchange.getRequestURI();
            String query = in.getRawQuery() == null ? "" : Arrays.stream(in.getRawQuery().split("&"))
                    .filter(p -> !p.startsWith("mount=") && !p.startsWith("from=")).collect(Collectors.joining("&"));
            if (in.getRawQuery() != null && in.getRawQuery().contains("mount=")) mountsRefused.incrementAndGet();
            URI to = URI.create(target + in.getRawPath() + (query.isEmpty() ? "" : "?" + query));
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(to).method(exchange.getRequestMethod(),
                    body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String h : List.of("Content-Type", "Accept")) {
                String v = exchange.getRequestHeaders().getFirst(h);
                if (v != null) request.header(h, v);
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            for (String h : PASSED_HEADERS) {
                response.headers().firstValue(h).ifPresent(v -> exchange.getResponseHeaders().set(h, v.replace(target.toString(), uri().toString())));
            }
            byte[] out = response.body();
            boolean noBody = exchange.getRequestMethod().equals("HEAD") || out.length == 0;
            exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
