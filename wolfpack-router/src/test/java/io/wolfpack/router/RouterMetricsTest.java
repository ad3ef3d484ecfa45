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
        metrics.upstreamError("web", "web", "refused");
        metrics.ejection("web", "web");
        metrics.retry("web", "web");
        metrics.accessLogDropped().increment();

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("wolfpack_router_requests_total{backend=\"web\",route=\"web\",status_class=\"2xx\"} 1")
                .contains("wolfpack_router_requests_total{backend=\"-\",route=\"-\",status_class=\"4xx\"} 1")
                .contains("wolfpack_router_request_seconds_bucket{backend=\"web\",route=\"web\"")
                .contains("wolfpack_router_request_seconds_count{backend=\"web\",route=\"web\"} 1")
                .contains("wolfpack_router_upstream_errors_total{backend=\"web\",reason=\"refused\",route=\"web\"} 1")
                .contains("wolfpack_router_ejections_total{backend=\"web\",route=\"web\"} 1")
                .contains("wolfpack_router_retries_total{backend=\"web\",route=\"web\"} 1")
                .contains("wolfpack_router_access_log_dropped_total 1");
    }

    @Test
    void backendsOfOneRouteAreMeasuredApart() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RouterMetrics metrics = new RouterMetrics(registry);
        metrics.request("web", "stable", 200, 1_000_000);
        metrics.request("web", "stable", 200, 1_000_000);
        metrics.request("web", "canary", 502, 40_000_000);
        metrics.upstreamError("web", "canary", "timeout");
        metrics.ejection("web", "canary");
        metrics.retry("web", "canary");

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("wolfpack_router_requests_total{backend=\"stable\",route=\"web\",status_class=\"2xx\"} 2")
                .contains("wolfpack_router_requests_total{backend=\"canary\",route=\"web\",status_class=\"5xx\"} 1")
                .contains("wolfpack_router_request_seconds_count{backend=\"stable\",route=\"web\"} 2")
                .contains("wolfpack_router_request_seconds_count{backend=\"canary\",route=\"web\"} 1")
                .contains("wolfpack_router_upstream_errors_total{backend=\"canary\",reason=\"timeout\",route=\"web\"} 1")
                .contains("wolfpack_router_ejections_total{backend=\"canary\",route=\"web\"} 1")
                .contains("wolfpack_router_retries_total{backend=\"canary\",route=\"web\"} 1")
                .doesNotContain("wolfpack_router_ejections_total{backend=\"stable\"")
                .doesNotContain("wolfpack_router_retries_total{backend=\"stable\"");
    }

    @Test
    void latencyIsAHistogramWithCumulativeBucketsInSeconds() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RouterMetrics metrics = new RouterMetrics(registry);
        metrics.request("web", "web", 200, 400_000);   // 0.4 ms
        metrics.request("web", "web", 200, 2_000_000); // 2 ms

        String scrape = registry.scrape();
        assertThat(scrape)
                .contains("# TYPE wolfpack_router_request_seconds histogram")
                .contains("wolfpack_router_request_seconds_bucket{backend=\"web\",route=\"web\",le=\"2.5E-4\"} 0")
                .contains("wolfpack_router_request_seconds_bucket{backend=\"web\",route=\"web\",le=\"5.0E-4\"} 1")
                .contains("wolfpack_router_request_seconds_bucket{backend=\"web\",route=\"web\",le=\"0.0025\"} 2")
                .contains("wolfpack_router_request_seconds_bucket{backend=\"web\",route=\"web\",le=\"+Inf\"} 2")
                .contains("wolfpack_router_request_seconds_count{backend=\"web\",route=\"web\"} 2")
                .contains("wolfpack_router_request_seconds_sum{backend=\"web\",route=\"web\"} 0.0024");
    }

    @Test
    void closingTakesTheHistogramOffSoAnotherRouterCanUseTheRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RouterMetrics first = new RouterMetrics(registry);
        first.request("web", "web", 200, 1_000_000);
        first.close();
        assertThat(registry.scrape()).doesNotContain("wolfpack_router_request_seconds");

        RouterMetrics second = new RouterMetrics(registry);
        second.request("api", "api", 200, 1_000_000);
        assertThat(registry.scrape())
                .contains("wolfpack_router_request_seconds_count{backend=\"api\",route=\"api\"} 1")
                .doesNotContain("route=\"web\"} 1\nwolfpack_router_request_seconds");
        second.close();
        second.close(); // twice is harmless
    }

    @Test
    void statusClasses() {
        assertThat(RouterMetrics.statusClass(101)).isEqualTo("1xx");
        assertThat(RouterMetrics.statusClass(200)).isEqualTo("2xx");
        assertThat(RouterMetrics.statusClass(504)).isEqualTo("5xx");
        assertThat(RouterMetrics.statusClass(0)).isEqualTo("other");
    }
}
