package io.wolfpack.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.core.route.RouterStats;
import io.wolfpack.core.route.RouterStats.BackendStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which backend the traffic stats charge, through a real router, real backends and a port nobody
 * listens on: the answering backend gets the request, the failing endpoint's backend the failure.
 */
class RouterTrafficStatsTest extends RouterFixture {
    private static Endpoint refusing(String instance) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return new Endpoint("127.0.0.1", port, instance);
    }

    private static Backend backend(String name, int weight, Endpoint... endpoints) {
        return new Backend(name, weight, List.of(endpoints));
    }

    private void serve(String route, long timeoutMillis, Backend... backends) {
        router.update(new RouteTable(1, List.of(new Route(route, "*", "/", timeoutMillis, List.of(backends)))));
    }

    private BackendStats stats(String route, String backend) {
        return router.trafficStats().backends().stream()
                .filter(b -> b.route().equals(route) && b.backend().equals(backend))
                .findFirst().orElse(new BackendStats(route, backend, 0, 0, 0));
    }

    private double upstreamErrors(String backend, String reason) {
        Counter c = registry.find(RouterMetrics.UPSTREAM_ERRORS).tags("backend", backend, "reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void upstream5xxAnswersAreServerErrorsOfTheBackendThatAnswered() throws IOException {
        TestBackend stable = backend("stable");
        TestBackend canary = backend("canary");
        canary.status = 500;
        serve("web", 0, backend("stable", 50, stable.endpoint()), backend("canary", 50, canary.endpoint()));
        RawHttp c = client();
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            int status = c.get("a", "/n/" + i).status();
            if (status == 200) ok++;
            else if (status == 500) failed++;
        }
        assertThat(ok + failed).isEqualTo(200);
        assertThat(ok).isPositive();
        assertThat(failed).isPositive();
        assertThat(stats("web", "stable")).isEqualTo(new BackendStats("web", "stable", ok, 0, 0));
        assertThat(stats("web", "canary")).isEqualTo(new BackendStats("web", "canary", failed, failed, 0));
    }

    @Test
    void aRefusedAttemptIsChargedToItsBackendAndTheRetriedRequestToTheBackendThatAnswered() throws IOException {
        TestBackend stable = backend("stable");
        serve("web", 0, backend("canary", 50, refusing("canary-1")), backend("stable", 50, stable.endpoint()));
        RawHttp c = client();
        for (int i = 0; i < 20; i++) {
            RawHttp.Response r = c.get("a", "/n/" + i);
            assertThat(r.status()).as("request %d", i).isEqualTo(200);
            assertThat(r.body()).startsWith("backend=stable");
        }
        // half the first picks go to the canary until its endpoint is ejected: 2^-20 that none did
        BackendStats canary = stats("web", "canary");
        assertThat(canary.connectFailures()).isPositive().isEqualTo((long) upstreamErrors("canary", "refused"));
        assertThat(canary.requests()).isZero();
        assertThat(canary.serverErrors()).isZero();
        assertThat(stats("web", "stable")).isEqualTo(new BackendStats("web", "stable", 20, 0, 0));
    }

    @Test
    void whenNoEndpointAnswersTheRouterErrorIsARequestOfTheBackendTried() throws IOException {
        serve("web", 0, backend("legacy", 100, refusing("legacy-1"), refusing("legacy-2")));
        RawHttp c = client();
        for (int i = 0; i < 4; i++) {
            RawHttp.Response r = c.get("a", "/");
            assertThat(r.status()).isEqualTo(502);
            assertThat(r.header("X-Wolfpack-Router")).isEqualTo("refused");
        }
        BackendStats legacy = stats("web", "legacy");
        assertThat(legacy.requests()).isEqualTo(4);
        assertThat(legacy.serverErrors()).isZero(); // the router's 502, not the upstream's
        // one failure per attempt: each request made at least one, the first also its retry
        assertThat(legacy.connectFailures()).isGreaterThanOrEqualTo(5)
                .isEqualTo((long) upstreamErrors("legacy", "refused"));
    }

    @Test
    void aTimeoutIsAConnectFailureAndALaterAnswerARequest() throws IOException {
        TestBackend slow = backend("slow");
        serve("slow", 300, backend("slow", 100, slow.endpoint()));
        RawHttp c = client();
        assertThat(c.get("a", "/slow").status()).isEqualTo(504);
        assertThat(stats("slow", "slow")).isEqualTo(new BackendStats("slow", "slow", 1, 0, 1));
        assertThat(c.get("a", "/after").status()).isEqualTo(200);
        assertThat(stats("slow", "slow")).isEqualTo(new BackendStats("slow", "slow", 2, 0, 1));
    }

    @Test
    void requestsThatReachNoBackendAreNotCounted() throws IOException {
        RawHttp c = client();
        assertThat(c.get("a", "/").header("X-Wolfpack-Router")).isEqualTo("no-table");
        router.update(new RouteTable(1, List.of(
                new Route("empty", "empty.local", "/", 0, List.of(backend("web", 100))),
                new Route("web", "web.local", "/", 0, List.of()))));
        assertThat(c.get("other.local", "/").header("X-Wolfpack-Router")).isEqualTo("no-route");
        assertThat(c.get("empty.local", "/").header("X-Wolfpack-Router")).isEqualTo("no-endpoint");
        assertThat(c.get("web.local", "/").header("X-Wolfpack-Router")).isEqualTo("no-endpoint");
        assertThat(router.trafficStats().backends()).isEmpty();
    }

    @Test
    void statsAreNamedByListenAddressAndStartTimeAndExistOnlyWhileServing() {
        RouterStats s = router.trafficStats();
        assertThat(s.router()).matches("127\\.0\\.0\\.1:" + router.port() + "/\\d{13}");
        Router notStarted = new Router(RouterConfig.defaults().withPort(0), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        assertThat(notStarted.trafficStats()).isNull();
        router.close();
        assertThat(router.trafficStats()).isNull();
    }
}
