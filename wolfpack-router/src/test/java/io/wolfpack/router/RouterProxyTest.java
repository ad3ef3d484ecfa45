package io.wolfpack.router;

import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The router on a real port in front of real backends, driven by a plain-socket client. */
class RouterProxyTest extends RouterFixture {
    private static Route route(String name, String host, String path, long timeoutMillis, Endpoint... endpoints) {
        return new Route(name, host, path, timeoutMillis, List.of(new Backend(name, 100, List.of(endpoints))));
    }

    @Test
    void routesByHostAndPath() throws IOException {
        TestBackend web = backend("web");
        TestBackend api = backend("api");
        TestBackend apps = backend("apps");
        router.update(new RouteTable(1, List.of(
                route("web", "web.local", "/", 0, web.endpoint()),
                route("api", "web.local", "/api", 0, api.endpoint()),
                route("apps", "*.apps.local", "/", 0, apps.endpoint()))));
        RawHttp c = client();

        assertThat(c.get("web.local", "/index.html").body()).startsWith("backend=web path=/index.html");
        assertThat(c.get("WEB.local:7780", "/api/users?id=1").body()).startsWith("backend=api path=/api/users?id=1");
        assertThat(c.get("web.local", "/apix").body()).startsWith("backend=web");
        assertThat(c.get("shop.apps.local", "/").body()).startsWith("backend=apps");

        RawHttp.Response missing = c.get("other.local", "/x");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("X-Wolfpack-Router")).isEqualTo("no-route");
        assertThat(missing.body()).isEqualTo("no route for host other.local path /x\n");
    }

    @Test
    void forwardsIdentityHeadersAndDropsHopByHopOnes() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        // an upgrade other than WebSocket is not forwarded: the backend sees a plain request
        c.send("GET /h2 HTTP/1.1\r\nHost: web.local\r\nX-Forwarded-For: 10.1.2.3\r\nConnection: Upgrade, X-Dropped-By-Connection\r\n"
                + "Upgrade: h2c\r\nX-Dropped-By-Connection: yes\r\nX-Custom: kept\r\n\r\n");
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("host=web.local", "xff=10.1.2.3, 127.0.0.1", "xfh=web.local", "xfp=http",
                "upgrade=null", "custom=kept", "dropped=null");
        assertThat(r.header("X-Backend")).isEqualTo("web");
    }

    @Test
    void keepAliveReusesUpstreamConnections() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        for (int i = 0; i < 100; i++) {
            assertThat(c.get("web.local", "/n/" + i).body()).startsWith("backend=web path=/n/" + i);
        }
        assertThat(web.connections.get()).isEqualTo(1);

        // new client connections land on either of the two event loops, each with its own pool
        for (int i = 0; i < 20; i++) {
            try (RawHttp fresh = new RawHttp(router.port())) {
                assertThat(fresh.get("web.local", "/fresh").status()).isEqualTo(200);
            }
        }
        assertThat(web.connections.get()).isLessThanOrEqualTo(2);
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        c.send("GET /one HTTP/1.1\r\nHost: a\r\n\r\nGET /two HTTP/1.1\r\nHost: a\r\n\r\nGET /three HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(c.read().body()).contains("path=/one");
        assertThat(c.read().body()).contains("path=/two");
        assertThat(c.read().body()).contains("path=/three");
    }

    @Test
    void slowBackendIs504AndTheClientConnectionStaysUsable() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("slow", "*", "/", 300, web.endpoint()))));
        RawHttp c = client();
        RawHttp.Response r = c.get("a", "/slow");
        assertThat(r.status()).isEqualTo(504);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("timeout");
        assertThat(r.body()).isEqualTo("route slow: upstream " + web.endpoint().address() + " did not answer within 300ms\n");
        assertThat(c.get("a", "/after").body()).contains("path=/after");
        assertThat(registry.get(RouterMetrics.UPSTREAM_ERRORS).tag("route", "slow").tag("reason", "timeout").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void backendClosingMidResponseClosesTheClientConnection() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        c.send("GET /close-mid HTTP/1.1\r\nHost: a\r\n\r\n");
        RawHttp.Response head = c.readHead();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("1000");
        long got = c.drainUntilClosed();
        assertThat(got).isBetween(0L, 999L);
        // the router itself is fine
        assertThat(client().get("a", "/ok").status()).isEqualTo(200);
    }

    @Test
    void malformedRequestIs400AndClosedWhileOtherConnectionsWork() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp good = client();
        assertThat(good.get("a", "/before").status()).isEqualTo(200);

        RawHttp bad = client();
        bad.send("THIS IS NOT HTTP\r\n\r\n");
        RawHttp.Response r = bad.read();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("bad-request");
        assertThat(bad.closedByPeer()).isTrue();

        assertThat(good.get("a", "/after").body()).contains("path=/after");
    }

    @Test
    void oversizeHeadersAre431AndClosed() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        c.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(431);
        assertThat(r.body()).isEqualTo("request headers are larger than 8192 bytes\n");
        assertThat(c.closedByPeer()).isTrue();
        assertThat(client().get("a", "/").status()).isEqualTo(200);
    }

    @Test
    void overlongRequestLineIs414AndClosed() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        c.send("GET /" + "a".repeat(5000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(414);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("uri-too-long");
        assertThat(r.body()).isEqualTo("request line is longer than 4096 bytes\n");
        assertThat(c.closedByPeer()).isTrue();
        assertThat(client().get("a", "/").status()).isEqualTo(200);
    }

    @Test
    void headersJustUnderTheLimitPass() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        c.send("GET /fits HTTP/1.1\r\nHost: a\r\nX-Big: " + "b".repeat(7000) + "\r\n\r\n");
        assertThat(c.read().body()).contains("path=/fits");
    }

    @Test
    void noTableYetIs503() throws IOException {
        RawHttp c = client();
        RawHttp.Response r = c.get("a", "/");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("no-table");
        assertThat(r.header("Content-Type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(r.body()).isEqualTo("router has no route table yet (waiting for the Wolfpack server)\n");
        assertThat(router.hasTable()).isFalse();
        assertThat(router.table()).isEqualTo(RouteTable.EMPTY);
        // the connection stays usable: once a table arrives, the same client is served
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        assertThat(c.get("a", "/now").body()).startsWith("backend=web path=/now");
    }

    @Test
    void routeWithoutEndpointsIs503() throws IOException {
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0))));
        RawHttp.Response r = client().get("a", "/");
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("no-endpoint");
        assertThat(r.body()).isEqualTo("route web has no healthy endpoint\n");
    }

    @Test
    void refusedConnectionIs502() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        Endpoint dead = new Endpoint("127.0.0.1", closedPort, "web-1");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, dead))));
        RawHttp c = client();
        RawHttp.Response r = c.get("a", "/");
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("refused");
        assertThat(r.body()).isEqualTo("route web: upstream 127.0.0.1:" + closedPort + " refused the connection\n");
        assertThat(c.get("a", "/").status()).isEqualTo(502); // the connection is still served
        assertThat(registry.get(RouterMetrics.UPSTREAM_ERRORS).tag("reason", "refused").counter().count()).isEqualTo(2.0);
        assertThat(registry.get(RouterMetrics.REQUESTS).tags("route", "web", "backend", "web", "status_class", "5xx")
                .counter().count()).isEqualTo(2.0);
    }

    @Test
    void liveTableUpdateChangesTheDestinationOnAnOpenConnection() throws IOException {
        TestBackend blue = backend("blue");
        TestBackend green = backend("green");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, blue.endpoint()))));
        RawHttp c = client();
        assertThat(c.get("a", "/").body()).startsWith("backend=blue");
        router.update(new RouteTable(2, List.of(route("web", "*", "/", 0, green.endpoint()))));
        assertThat(c.get("a", "/").body()).startsWith("backend=green");
        assertThat(router.table().version()).isEqualTo(2);
    }

    @Test
    void weightedSplitSendsTrafficToBothBackends() throws IOException {
        TestBackend stable = backend("stable");
        TestBackend canary = backend("canary");
        router.update(new RouteTable(1, List.of(new Route("web", "*", "/", 0, List.of(
                new Backend("stable", 50, List.of(stable.endpoint())),
                new Backend("canary", 50, List.of(canary.endpoint())))))));
        RawHttp c = client();
        int canaryHits = 0;
        for (int i = 0; i < 200; i++) {
            if (c.get("a", "/").body().startsWith("backend=canary")) canaryHits++;
        }
        assertThat(canaryHits).isBetween(40, 160);
        assertThat(registry.get(RouterMetrics.REQUESTS).tags("route", "web", "backend", "canary", "status_class", "2xx")
                .counter().count()).isEqualTo(canaryHits);
        // the latency histogram of the live router, per backend, in the scrape
        assertThat(registry.scrape())
                .contains("wolfpack_router_request_seconds_count{backend=\"canary\",route=\"web\"} " + canaryHits)
                .contains("wolfpack_router_request_seconds_count{backend=\"stable\",route=\"web\"} " + (200 - canaryHits))
                .contains("wolfpack_router_request_seconds_bucket{backend=\"stable\",route=\"web\",le=\"+Inf\"} "
                        + (200 - canaryHits));
    }

    @Test
    void bodyWithoutLengthIsChunkedToTheClientAndKeepsItAlive() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        RawHttp.Response r = c.get("a", "/until-close/100000");
        assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.body()).hasSize(100_000);
        assertThat(c.get("a", "/again").status()).isEqualTo(200);
    }

    @Test
    void headRequestGetsHeadersOnly() throws IOException {
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        c.send("HEAD /bytes/5000 HTTP/1.1\r\nHost: a\r\n\r\n");
        RawHttp.Response head = c.readHead();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("5000");
        assertThat(c.get("a", "/next").body()).contains("path=/next");
    }

    @Test
    void responsesOfDifferentShapesOnOneKeptConnectionComeOutRight() throws IOException {
        // one client connection, so one pooled upstream connection, whose parser reuses its arrays for every
        // response head; small bodies come after their head in a later write (the held head goes out with them)
        TestBackend web = backend("web");
        router.update(new RouteTable(1, List.of(route("web", "*", "/", 0, web.endpoint()))));
        RawHttp c = client();
        for (int round = 0; round < 2; round++) {
            RawHttp.Response small = c.get("a", "/bytes/10");
            assertThat(small.status()).isEqualTo(200);
            assertThat(small.header("content-length")).isEqualTo("10");
            assertThat(small.body()).isEqualTo(pattern(10));
            RawHttp.Response chunked = c.get("a", "/chunked/5000");
            assertThat(chunked.header("transfer-encoding")).isEqualTo("chunked");
            assertThat(chunked.body()).isEqualTo(pattern(5000));
            RawHttp.Response plain = c.get("a", "/plain-" + round);
            assertThat(plain.header("x-backend")).isEqualTo("web");
            assertThat(plain.body()).startsWith("backend=web path=/plain-" + round + " ");
            RawHttp.Response large = c.get("a", "/bytes/3000");
            assertThat(large.header("content-length")).isEqualTo("3000");
            assertThat(large.body()).isEqualTo(pattern(3000));
        }
        assertThat(web.connections.get()).isEqualTo(1);
    }

    /** What TestBackend's /bytes/N and /chunked/N send, read as RawHttp reads a body. */
    private static String pattern(int n) throws IOException {
        return new String(new TestBackend.PatternStream(n).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
