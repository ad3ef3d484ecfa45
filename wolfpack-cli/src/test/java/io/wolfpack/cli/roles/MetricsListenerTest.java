package io.wolfpack.cli.roles;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsListenerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(String method, int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheRegistryInPrometheusFormatAndNothingElse() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.counter("wolfpack_router_requests", "route", "web").increment(3);
        try (MetricsListener l = MetricsListener.start(new Listen("127.0.0.1", 0), registry)) {
            HttpResponse<String> m = send("GET", l.port(), "/metrics");
            assertThat(m.statusCode()).isEqualTo(200);
            assertThat(m.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            assertThat(m.body()).contains("wolfpack_router_requests_total{route=\"web\"} 3.0");
            assertThat(send("GET", l.port(), "/healthz").body()).isEqualTo("ok\n");
            assertThat(send("GET", l.port(), "/other").statusCode()).isEqualTo(404);
            assertThat(send("POST", l.port(), "/metrics").statusCode()).isEqualTo(405);
        }
    }
}
