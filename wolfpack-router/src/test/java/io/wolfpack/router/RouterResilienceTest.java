package io.wolfpack.router;

import io.micrometer.core.instrument.Counter;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Passive ejection and the one retry of GET/HEAD, with real sockets and a port nobody listens on. */
class RouterResilienceTest extends RouterFixture {
    private static Endpoint refusing() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return new Endpoint("127.0.0.1", port, "dead");
    }

    /** One backend, so endpoints take turns in list order from the first: the first request goes to {@code first}. */
    private void serve(String name, long timeoutMillis, Endpoint first, Endpoint... rest) {
        List<Endpoint> endpoints = new ArrayList<>(List.of(first));
        endpoints.addAll(List.of(rest));
        router.update(new RouteTable(1, List.of(new Route(name, "*", "/", timeoutMillis,
                List.of(new Backend(name, 100, endpoints))))));
    }

    private double count(String meter, String route) {
        Counter c = registry.find(meter).tag("route", route).counter();
        return c == null ? 0 : c.count();
    }

    private double refusals(String route) {
        Counter c = registry.find(RouterMetrics.UPSTREAM_ERRORS).tags("route", route, "reason", "refused").counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void getsSurviveARefusingEndpointWhichIsThenEjected() throws IOException {
        TestBackend live = backend("live");
        serve("web", 0, refusing(), live.endpoint());
        RawHttp c = client();
        for (int i = 0; i < 50; i++) {
            RawHttp.Response r = c.get("a", "/n/" + i);
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
            assertThat(r.body()).startsWith("backend=live path=/n/" + i);
        }
        // the first request went to the dead endpoint (turns start at the first) and was retried
        assertThat(count(RouterMetrics.RETRIES, "web")).isGreaterThanOrEqualTo(1);
        assertThat(count(RouterMetrics.EJECTIONS, "web")).isGreaterThanOrEqualTo(1);
        // every visit to the dead endpoint ejected it and cost one retry; without ejection, turns
        // would send half of the 50 there, with it only the first and one per expired ejection do
        assertThat(refusals("web")).isEqualTo(count(RouterMetrics.RETRIES, "web"))
                .isEqualTo(count(RouterMetrics.EJECTIONS, "web"))
                .isLessThan(10);
        assertThat(registry.get(RouterMetrics.REQUESTS).tags("route", "web", "status_class", "2xx").counter().count())
                .isEqualTo(50);
    }

    @Test
    void headIsRetriedToo() throws IOException {
        TestBackend live = backend("live");
        serve("web", 0, refusing(), live.endpoint());
        RawHttp c = client();
        c.send("HEAD /bytes/10 HTTP/1.1\r\nHost: a\r\n\r\n");
        RawHttp.Response head = c.readHead();
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).isEqualTo("10");
        assertThat(count(RouterMetrics.RETRIES, "web")).isEqualTo(1);
    }

    @Test
    void postIsNotRetried() throws IOException {
        TestBackend live = backend("live");
        Endpoint dead = refusing();
        serve("web", 0, dead, live.endpoint());
        RawHttp c = client();
        c.send("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello");
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("refused");
        assertThat(r.body()).contains(dead.address());
        assertThat(live.connections.get()).isZero();
        assertThat(count(RouterMetrics.RETRIES, "web")).isZero();
        assertThat(count(RouterMetrics.EJECTIONS, "web")).isEqualTo(1);

        // the dead endpoint is ejected now: the next request goes straight to the live one
        assertThat(c.get("a", "/next").body()).startsWith("backend=live");
        assertThat(count(RouterMetrics.RETRIES, "web")).isZero();
        assertThat(refusals("web")).isEqualTo(1);
    }

    @Test
    void getWithABodyIsNotRetried() throws IOException {
        TestBackend live = backend("live");
        serve("web", 0, refusing(), live.endpoint());
        RawHttp c = client();
        c.send("GET /q HTTP/1.1\r\nHost: a\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(c.read().status()).isEqualTo(502);
        assertThat(count(RouterMetrics.RETRIES, "web")).isZero();
    }

    @Test
    void whenEveryEndpointIsEjectedRequestsAreStillAttempted() throws IOException {
        TestBackend slow = backend("slow");
        serve("slow", 300, slow.endpoint());
        RawHttp c = client();
        RawHttp.Response timedOut = c.get("a", "/slow");
        assertThat(timedOut.status()).isEqualTo(504);
        assertThat(timedOut.header("X-Wolfpack-Router")).isEqualTo("timeout");
        assertThat(count(RouterMetrics.EJECTIONS, "slow")).isEqualTo(1);
        assertThat(count(RouterMetrics.RETRIES, "slow")).isZero(); // no other endpoint to retry on

        // its only endpoint is ejected (for 1 s), yet it is tried rather than answered 503
        RawHttp.Response r = c.get("a", "/after");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).startsWith("backend=slow path=/after");
    }

    @Test
    void allEndpointsRefusingGives502NotNoEndpoint() throws IOException {
        serve("web", 0, refusing(), refusing());
        RawHttp c = client();
        for (int i = 0; i < 4; i++) {
            RawHttp.Response r = c.get("a", "/");
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.header("X-Wolfpack-Router")).isEqualTo("refused");
        }
        assertThat(count(RouterMetrics.EJECTIONS, "web")).isEqualTo(2);
        // only the first request found another endpoint that was not ejected yet
        assertThat(count(RouterMetrics.RETRIES, "web")).isEqualTo(1);
    }
}
