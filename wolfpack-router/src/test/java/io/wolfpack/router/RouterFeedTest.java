package io.wolfpack.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RouterFeedTest {
    private final FakeServer server = new FakeServer();
    private final Router router = new Router(RouterConfig.defaults().withPort(0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    private RouterFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) feed.close();
        server.stop();
    }

    private static RouteTable table(long version) {
        return new RouteTable(version, List.of(new Route("web", "*", "/", 0, List.of())));
    }

    @Test
    void followsNewVersionsAndKeepsTheLastTableWhileTheServerIsDown() {
        server.publish(table(1));
        feed = new RouterFeed(new ApiClient(server.url(), "token"), router);
        feed.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> router.table().version() == 1);

        server.publish(table(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> router.table().version() == 2);

        server.failing = true;
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.consecutiveFailures() >= 2);
        assertThat(router.table().version()).isEqualTo(2);

        server.failing = false;
        server.publish(table(3));
        await().atMost(Duration.ofSeconds(15)).until(() -> router.table().version() == 3);
        assertThat(feed.consecutiveFailures()).isZero();

        server.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.consecutiveFailures() >= 2);
        assertThat(router.hasTable()).isTrue();
        assertThat(router.table().version()).isEqualTo(3);
    }

    @Test
    void closeStopsTheLoopPromptly() {
        server.publish(table(1));
        feed = new RouterFeed(new ApiClient(server.url(), "token"), router);
        feed.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> router.table().version() == 1);
        int before = server.calls.get();
        feed.close(); // interrupts the held long-poll
        int after = server.calls.get();
        assertThat(after - before).isLessThanOrEqualTo(1);
        assertThat(router.table().version()).isEqualTo(1);
    }

    /** Answers GET /v1/routes like the server: at once when newer than ?after, else after holding a while. */
    private static final class FakeServer {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failing;
        private final Object lock = new Object();
        private RouteTable current = RouteTable.EMPTY;
        private final HttpServer http;

        FakeServer() {
            try {
                http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            http.createContext("/v1/routes", this::handle);
            http.setExecutor(java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "fake-wolfpack-server");
                t.setDaemon(true);
                return t;
            }));
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        void publish(RouteTable t) {
            synchronized (lock) {
                current = t;
                lock.notifyAll();
            }
        }

        void stop() {
            http.stop(0);
        }

        private void handle(HttpExchange ex) throws IOException {
            calls.incrementAndGet();
            if (failing) {
                send(ex, 500, "{\"error\":{\"status\":500,\"message\":\"ZooKeeper is unreachable\"}}");
                return;
            }
            long after = Long.parseLong(ex.getRequestURI().getQuery().replaceAll(".*after=(\\d+).*", "$1"));
            RouteTable answer;
            synchronized (lock) {
                long deadline = System.nanoTime() + Duration.ofMillis(500).toNanos();
                while (current.version() <= after && !failing) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) break;
                    try {
                        lock.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                answer = current;
            }
            send(ex, 200, Json.text(answer));
        }

        private static void send(HttpExchange ex, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        }
    }
}
