package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RouterMetricsTest {

    @Test
    void prometheusNamesMatchTheDocumentedOnes() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RouterMetrics metrics = new RouterMetrics(registry);
        metrics.request("web", "web", 204, 2_000_000);
        metrics.request("-", "-", 404, 1_000_000);
        metrics.upstreamError("web", "refused");
        metrics.ejection("web");
        metrics.retry("web");

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("wolfpack_router_requests_total{backend=\"web\",route=\"web\",status_class=\"2xx\"} 1")
                .contains("wolfpack_router_requests_total{backend=\"-\",route=\"-\",status_class=\"4xx\"} 1")
                .contains("wolfpack_router_request_seconds_bucket{route=\"web\"")
                .contains("wolfpack_router_request_seconds_count{route=\"web\"} 1")
                .contains("wolfpack_router_upstream_errors_total{reason=\"refused\",route=\"web\"} 1")
                .contains("wolfpack_router_ejections_total{route=\"web\"} 1")
                .contains("wolfpack_router_retries_total{route=\"web\"} 1");
    }

    @Test
    void statusClasses() {
        assertThat(RouterMetrics.statusClass(200)).isEqualTo("2xx");
        assertThat(RouterMetrics.statusClass(504)).isEqualTo("5xx");
        assertThat(RouterMetrics.statusClass(0)).isEqualTo("other");
    }
}
