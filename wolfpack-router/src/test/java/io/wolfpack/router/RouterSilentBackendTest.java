package io.wolfpack.router;

import io.netty.channel.epoll.Epoll;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A backend host that goes silent (cut off: no answer, no reset) while the router holds pooled
 * keep-alive connections to it. Simulated on loopback with an iptables rule, made and removed by
 * this test, that drops the router's packets to one backend's port: the bytes of a request written
 * on a pooled connection are then never acknowledged, as with a cut host.
 */
class RouterSilentBackendTest extends RouterFixture {
    private static final String COMMENT = "wolfpack-router-test-silent-backend";
    private final List<Integer> droppedPorts = new ArrayList<>();

    @AfterEach
    void removeRules() throws Exception {
        for (int port : droppedPorts) {
            while (iptables("-C", port) == 0) iptables("-D", port);
        }
    }

    @Test
    void aRequestOnAPooledConnectionToASilentHostIsRetriedElsewhereNotLeftToTheRouteTimeout() throws Exception {
        assumeTrue(Epoll.isAvailable(), "the unacknowledged-bytes timeout needs the epoll transport");
        assumeTrue(iptablesUsable(), "needs root and iptables to make a backend silent");
        TestBackend silent = backend("silent");
        TestBackend alive = backend("alive");
        // a route timeout far beyond the client's 15 s read timeout: waiting it out fails the test
        router.update(new RouteTable(1, List.of(new Route("web", "*", "/", 120_000, List.of(
                new Backend("silent", 50, List.of(silent.endpoint())),
                new Backend("alive", 50, List.of(alive.endpoint())))))));
        RawHttp c = client();
        int silentAnswers = 0;
        for (int i = 0; i < 40; i++) {
            if (c.get("a", "/").body().startsWith("backend=silent")) silentAnswers++;
        }
        assertThat(silentAnswers).as("both backends served, so each has a pooled connection").isPositive().isLessThan(40);

        drop(silent.port());
        for (int i = 0; i < 20; i++) {
            RawHttp.Response r = c.get("a", "/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).startsWith("backend=alive");
        }
        // the pooled connection to the silent backend was tried, failed on its own, and the GET went elsewhere
        assertThat(registry.get(RouterMetrics.RETRIES).tags("route", "web", "backend", "silent").counter().count())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(registry.get(RouterMetrics.UPSTREAM_ERRORS).tags("route", "web", "backend", "silent", "reason", "closed")
                .counter().count()).isGreaterThanOrEqualTo(1.0);
    }

    private void drop(int port) throws Exception {
        droppedPorts.add(port);
        assertThat(iptables("-I", port)).as("iptables -I").isZero();
    }

    /** Drops packets sent over loopback to {@code port}: the backend's answers come from it, not to it. */
    private static int iptables(String action, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("iptables", "-w", action, "OUTPUT", "-o", "lo", "-p", "tcp",
                "--dport", String.valueOf(port), "-m", "comment", "--comment", COMMENT, "-j", "DROP")
                .redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static boolean iptablesUsable() {
        try {
            Process p = new ProcessBuilder("iptables", "-w", "-S", "OUTPUT").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.isEmpty();
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
