package io.wolfpack.router.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class NginxConfigTest {
    static final Path PREFIX = Path.of("/tmp/bench-x/proxy");

    @Test
    void proxyPoolsHttp11ConnectionsToEveryBackend() {
        String conf = NginxConfig.proxy(PREFIX, "auto", 9000, List.of(9001, 9002, 9003));
        assertThat(conf)
                .contains("server 127.0.0.1:9001;", "server 127.0.0.1:9002;", "server 127.0.0.1:9003;")
                .contains("keepalive " + NginxConfig.UPSTREAM_KEEPALIVE + ";")
                .contains("proxy_http_version 1.1;")
                .contains("proxy_set_header Connection \"\";")
                .contains("proxy_pass http://backends;")
                // the same per-request work as the router
                .contains("X-Forwarded-For $proxy_add_x_forwarded_for", "X-Forwarded-Proto", "X-Forwarded-Host");
    }

    @Test
    void everythingStaysInThePrefixAndOnLoopback() {
        for (String conf : List.of(NginxConfig.proxy(PREFIX, "2", 9000, List.of(9001)),
                NginxConfig.backends(PREFIX, "2", List.of(9001, 9002, 9003)))) {
            assertThat(conf).contains("daemon off;", "pid /tmp/bench-x/proxy/nginx.pid;",
                    "error_log /tmp/bench-x/proxy/error.log", "access_log off;", "worker_processes 2;");
            var listens = Pattern.compile("listen ([^;]+);").matcher(conf).results().map(m -> m.group(1)).toList();
            // loopback only, and one socket per worker so no worker takes a burst of connections alone
            assertThat(listens).isNotEmpty().allMatch(l -> l.startsWith("127.0.0.1:") && l.endsWith(" reuseport"));
            var paths = Pattern.compile("_path (\\S+);").matcher(conf).results().map(m -> m.group(1)).toList();
            assertThat(paths).hasSize(5).allMatch(p -> p.startsWith("/tmp/bench-x/proxy/"));
        }
    }

    @Test
    void backendsAnswerTheirOwnFixedBody() {
        String conf = NginxConfig.backends(PREFIX, "auto", List.of(9001, 9002, 9003));
        assertThat(conf).contains("return 200 \"ok from backend 1\\n\";", "return 200 \"ok from backend 3\\n\";");
        assertThat(NginxConfig.body(2)).startsWith(NginxConfig.BODY_PREFIX);
    }
}
