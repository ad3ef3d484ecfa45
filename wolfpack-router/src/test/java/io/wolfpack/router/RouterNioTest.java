package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The NIO fallback serves the same way as epoll (used where the native library is missing). */
class RouterNioTest {

    @Test
    void proxiesOverNio() throws Exception {
        try (TestBackend web = new TestBackend("web");
             Router router = new Router(new RouterConfig("127.0.0.1", 0, 8192, 4096, 5_000, 1),
                     new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Transport.nio())) {
            router.start();
            router.update(new RouteTable(1, List.of(new Route("web", "*", "/", 0,
                    List.of(new Backend("web", 1, List.of(web.endpoint())))))));
            try (RawHttp c = new RawHttp(router.port())) {
                for (int i = 0; i < 3; i++) assertThat(c.get("a", "/nio/" + i).body()).startsWith("backend=web path=/nio/" + i);
                assertThat(c.get("a", "/bytes/300000").body()).hasSize(300_000);
            }
            assertThat(web.connections.get()).isEqualTo(1);
        }
    }
}
