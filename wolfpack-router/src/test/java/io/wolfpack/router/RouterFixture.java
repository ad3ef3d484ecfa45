package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A router on a real loopback port for socket tests, with the backends and clients a test opens
 * closed after it in reverse order.
 */
abstract class RouterFixture {
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final List<AutoCloseable> closeables = new ArrayList<>();
    Router router;

    @BeforeEach
    void startRouter() {
        router = new Router(new RouterConfig("127.0.0.1", 0, 8192, 4096, 10_000, 2), registry);
        router.start();
        closeables.add(router);
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeables.size() - 1; i >= 0; i--) closeables.get(i).close();
    }

    TestBackend backend(String name) {
        TestBackend b = new TestBackend(name);
        closeables.add(b);
        return b;
    }

    RawHttp client() throws IOException {
        RawHttp c = new RawHttp(router.port());
        closeables.add(c);
        return c;
    }
}
