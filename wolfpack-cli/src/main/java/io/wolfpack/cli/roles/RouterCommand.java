package io.wolfpack.cli.roles;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wolfpack.client.ApiClient;
import io.wolfpack.router.AccessLogConfig;
import io.wolfpack.router.LeakDetection;
import io.wolfpack.router.Router;
import io.wolfpack.router.RouterConfig;
import io.wolfpack.router.RouterFeed;
import io.wolfpack.router.RouterStatsReporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** {@code wolfpack router}: the HTTP router, fed live by the server. */
@Command(name = "router", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run an HTTP router fed live by the server.",
                "Each request goes to a healthy instance of the service whose route matches its Host and",
                "path. Routes and endpoints arrive from the server over a push stream; when the server is",
                "unreachable the router keeps serving its last table."},
        footerHeading = "%nExamples:%n",
        footer = {"  wolfpack router --server http://10.0.0.5:7700 --join-token-file /etc/wolfpack/join-token --listen 0.0.0.0:80"})
public final class RouterCommand implements Callable<Integer> {
    @Mixin
    ServerLinkOptions server;

    @Option(names = "--listen", converter = Listen.Converter.class, defaultValue = "127.0.0.1:7780",
            description = "Address the router serves on (default: ${DEFAULT-VALUE}).")
    Listen listen;

    @Option(names = "--access-log", paramLabel = "PATH",
            description = "Write one access log line per request to PATH (appended; '-' for standard output). "
                    + "Off by default. A background thread writes it; lines it cannot keep up with are dropped and "
                    + "counted in wolfpack_router_access_log_dropped_total. Line format: docs/ROUTER.md.")
    String accessLog;

    @Option(names = "--metrics", converter = Listen.Converter.class, paramLabel = "HOST:PORT",
            description = "Serve GET /metrics (Prometheus: requests, status classes, latency, ejections and retries per "
                    + "route and backend) and GET /healthz on this address, e.g. 127.0.0.1:7790. Off by default.")
    Listen metrics;

    @Override
    public Integer call() throws Exception {
        Lifecycle life = new Lifecycle();
        try {
            LeakDetection.offUnlessConfigured(); // before the first buffer; -Dio.netty.leakDetection.level wins
            RouterConfig config = RouterConfig.defaults().withHost(listen.host()).withPort(listen.port());
            if (accessLog != null) config = config.withAccessLog(AccessLogConfig.to(accessLog));
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            Router router = life.add(new Router(config, registry));
            router.start();
            String scrape = "";
            if (metrics != null) {
                MetricsListener listener = life.add(MetricsListener.start(metrics, registry));
                scrape = ", metrics on http://" + metrics.host() + ":" + listener.port() + "/metrics";
            }
            ApiClient api = new ApiClient(server.url(), server.token());
            life.add(new RouterFeed(api, router)).start();
            life.add(new RouterStatsReporter(api, router)).start();
            System.out.println("wolfpack router: serving on " + listen.host() + ":" + router.port() + ", routes from " + server.url() + scrape);
        } catch (Exception | Error e) {
            life.closeAll();
            throw e;
        }
        return life.runUntilStopped();
    }
}
