package io.wolfpack.router;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.wolfpack.client.ApiClient;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.core.route.RouterStats;
import io.wolfpack.core.route.RouterStats.BackendStats;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The reporter between a real router and a small HTTP server standing in for POST /v1/router/stats. */
class RouterStatsReporterTest extends RouterFixture {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private StatsServer server;
    private TestBackend web;

    @BeforeEach
    void setUp() {
        server = new StatsServer();
        closeables.add(server);
        web = backend("web");
        router.update(new RouteTable(1, List.of(new Route("web", "*", "/", 0,
                List.of(new Backend("web", 100, List.of(web.endpoint())))))));
    }

    private RouterStatsReporter reporter(Duration interval, Duration keepalive) {
        RouterStatsReporter r = new RouterStatsReporter(new ApiClient(server.url(), "join-token"), router::trafficStats,
                interval, keepalive);
        closeables.add(r);
        r.start();
        return r;
    }

    /** Lets {@code rounds} more rounds of the reporter pass: each one made its decision and finished its send. */
    private static void awaitRounds(RouterStatsReporter r, int rounds) {
        long target = r.rounds() + rounds;
        await().atMost(WAIT).until(() -> r.rounds() >= target);
    }

    private void requests(int n) throws IOException {
        RawHttp c = client();
        for (int i = 0; i < n; i++) assertThat(c.get("a", "/").status()).isEqualTo(200);
    }

    @Test
    void sendsChangedCountersAndKeepsQuietWhileNothingChanges() throws IOException {
        RouterStatsReporter r = reporter(Duration.ofMillis(20), Duration.ofHours(1));
        // the first round announces the router, with nothing counted yet
        await().atMost(WAIT).until(() -> server.received.size() == 1);
        assertThat(server.received.get(0)).isEqualTo(new RouterStats(router.trafficStats().router(), List.of()));
        awaitRounds(r, 10);
        assertThat(server.received).hasSize(1);

        // requests may land in several rounds, so count from the one that carries all of them
        requests(3);
        await().atMost(WAIT).until(() -> server.last().backends().equals(List.of(new BackendStats("web", "web", 3, 0, 0))));
        int afterThree = server.received.size();
        awaitRounds(r, 10);
        assertThat(server.received).hasSize(afterThree);

        requests(2);
        await().atMost(WAIT).until(() -> server.last().backends().equals(List.of(new BackendStats("web", "web", 5, 0, 0))));
        int afterFive = server.received.size();
        awaitRounds(r, 10);
        assertThat(server.received).hasSize(afterFive);
        assertThat(r.sent()).isEqualTo(afterFive);
        assertThat(server.authorizations).containsOnly("Bearer join-token");
    }

    @Test
    void sendsTheSameCountersAgainAsAKeepalive() throws IOException {
        requests(1);
        reporter(Duration.ofMillis(20), Duration.ofMillis(100));
        await().atMost(WAIT).until(() -> server.received.size() >= 3);
        assertThat(server.received).allSatisfy(s -> assertThat(s.backends())
                .containsExactly(new BackendStats("web", "web", 1, 0, 0)));
    }

    @Test
    void keepsTryingQuietlyWhileTheServerAnswers404AndThenSendsWhatWasCounted() throws IOException {
        server.status = 404; // a server without the endpoint yet
        RouterStatsReporter r = reporter(Duration.ofMillis(20), Duration.ofMillis(200));
        requests(2);
        await().atMost(WAIT).until(() -> r.consecutiveFailures() >= 3);
        assertThat(r.sent()).isZero();

        server.status = 204;
        await().atMost(WAIT).until(() -> r.sent() >= 1);
        assertThat(r.consecutiveFailures()).isZero();
        assertThat(server.last().backends()).containsExactly(new BackendStats("web", "web", 2, 0, 0));
    }

    @Test
    void dueWhenNothingWasSentWhenACounterMovedOrWhenTheKeepaliveIsDue() {
        Duration keepalive = Duration.ofSeconds(10);
        RouterStats before = new RouterStats("r", List.of(new BackendStats("web", "web", 1, 0, 0)));
        RouterStats same = new RouterStats("r", List.of(new BackendStats("web", "web", 1, 0, 0)));
        RouterStats moved = new RouterStats("r", List.of(new BackendStats("web", "web", 1, 0, 1)));
        RouterStats added = new RouterStats("r", List.of(new BackendStats("web", "web", 1, 0, 0),
                new BackendStats("web", "canary", 0, 0, 0)));
        long second = Duration.ofSeconds(1).toNanos();

        assertThat(RouterStatsReporter.due(before, null, 0, keepalive)).isTrue();
        assertThat(RouterStatsReporter.due(same, before, second, keepalive)).isFalse();
        assertThat(RouterStatsReporter.due(same, before, 10 * second, keepalive)).isTrue();
        assertThat(RouterStatsReporter.due(moved, before, second, keepalive)).isTrue();
        assertThat(RouterStatsReporter.due(added, before, second, keepalive)).isTrue();
    }

    @Test
    void anIntervalAboveTheKeepaliveIsRefused() {
        ApiClient api = new ApiClient(server.url(), "t");
        assertThatThrownBy(() -> new RouterStatsReporter(api, router::trafficStats, Duration.ofSeconds(20), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("interval PT20S").hasMessageContaining("keepalive PT10S");
    }

    /** Records every POST /v1/router/stats it accepts, and answers {@link #status} (204 like the server, or 404). */
    private static final class StatsServer implements AutoCloseable {
        final List<RouterStats> received = new CopyOnWriteArrayList<>();
        final List<String> authorizations = new CopyOnWriteArrayList<>();
        volatile int status = 204;
        private final HttpServer http;

        StatsServer() {
            try {
                http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            http.createContext("/v1/router/stats", this::handle);
            http.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fake-router-stats-server");
                t.setDaemon(true);
                return t;
            }));
            http.start();
        }

        String url() {
            return "http://127.0.0.1:" + http.getAddress().getPort();
        }

        RouterStats last() {
            return received.isEmpty() ? new RouterStats("", List.of()) : received.get(received.size() - 1);
        }

        private void handle(HttpExchange ex) throws IOException {
            byte[] body = ex.getRequestBody().readAllBytes();
            int answer = status;
            if (answer == 404) {
                byte[] text = "404 Not Found".getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(404, text.length);
                ex.getResponseBody().write(text);
            } else {
                if (!"POST".equals(ex.getRequestMethod())
                        || !"application/json".equals(ex.getRequestHeaders().getFirst("Content-Type"))) {
                    throw new IllegalStateException("expected a JSON POST, got " + ex.getRequestMethod());
                }
                received.add(Json.MAPPER.readValue(body, RouterStats.class));
                authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
                ex.sendResponseHeaders(answer, -1);
            }
            ex.close();
        }

        @Override
        public void close() {
            http.stop(0);
        }
    }
}
