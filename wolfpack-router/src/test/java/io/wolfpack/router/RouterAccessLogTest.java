package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The access log of a real router: one line per request, written when the router closes at the latest. */
@Timeout(60)
class RouterAccessLogTest {
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }

    private Router router(AccessLogConfig accessLog) {
        Router r = new Router(new RouterConfig("127.0.0.1", 0, 8192, 4096, 10_000, 2).withAccessLog(accessLog), registry);
        r.start();
        closeables.add(r);
        return r;
    }

    private <T extends AutoCloseable> T add(T c) {
        closeables.add(c);
        return c;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void oneLinePerRequestNamingRouteBackendUpstreamAndRetry() throws Exception {
        Path file = dir.resolve("access.log");
        Router router = router(AccessLogConfig.to(file.toString()));
        TestBackend web = add(new TestBackend("web"));
        Endpoint dead = new Endpoint("127.0.0.1", closedPort(), "dead");
        router.update(new RouteTable(1, List.of(
                new Route("web", "web.local", "/", 0, List.of(new Backend("web", 100, List.of(web.endpoint())))),
                new Route("flaky", "flaky.local", "/", 0, List.of(new Backend("pool", 100, List.of(dead, web.endpoint())))))));

        RawHttp c = add(new RawHttp(router.port()));
        RawHttp.Response ok = c.get("web.local", "/hello?x=1");
        assertThat(c.get("other.local", "/nowhere").status()).isEqualTo(404);
        assertThat(c.get("flaky.local", "/retry").status()).isEqualTo(200); // the dead endpoint's turn comes first
        router.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        String webAddress = web.endpoint().address();
        assertThat(lines.get(0)).matches(TIME + " 127\\.0\\.0\\.1 GET \"/hello\\?x=1\" 200 " + ok.body().length()
                + " \\d+\\.\\d{3} web web " + webAddress + " 0");
        assertThat(lines.get(1)).matches(TIME + " 127\\.0\\.0\\.1 GET \"/nowhere\" 404 \\d+ \\d+\\.\\d{3} - - - 0");
        assertThat(lines.get(2)).matches(TIME + " 127\\.0\\.0\\.1 GET \"/retry\" 200 \\d+ \\d+\\.\\d{3} flaky pool "
                + webAddress + " 1");
        assertThat(registry.get(RouterMetrics.ACCESS_LOG_DROPPED).counter().count()).isZero();
    }

    @Test
    void aWebSocketIsLoggedWhenItCloses() throws Exception {
        Path file = dir.resolve("ws.log");
        Router router = router(AccessLogConfig.to(file.toString()));
        WebSocketBackend ws = add(new WebSocketBackend());
        router.update(new RouteTable(1, List.of(new Route("chat", "*", "/", 0,
                List.of(new Backend("chat", 100, List.of(ws.endpoint())))))));

        HttpClient http = HttpClient.newHttpClient();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + "/ws"), new WebSocket.Listener() {
                })
                .get(10, TimeUnit.SECONDS);
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(10, TimeUnit.SECONDS);
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> ws.closedConnections.get() == 1);
        router.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        // the bytes are the 101's head plus the backend's close frame
        assertThat(lines.get(0)).matches(TIME + " 127\\.0\\.0\\.1 GET \"/ws\" 101 \\d+ \\d+\\.\\d{3} chat chat "
                + ws.endpoint().address() + " 0");
    }

    @Test
    void offByDefault() throws Exception {
        Router router = router(AccessLogConfig.OFF);
        TestBackend web = add(new TestBackend("web"));
        router.update(new RouteTable(1, List.of(new Route("web", "*", "/", 0,
                List.of(new Backend("web", 100, List.of(web.endpoint())))))));
        assertThat(add(new RawHttp(router.port())).get("a", "/").status()).isEqualTo(200);
        assertThat(registry.find(RouterMetrics.ACCESS_LOG_DROPPED).counter()).isNull();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("wolfpack-router-access-log"));
    }
}
