package io.wolfpack.router.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.epoll.Epoll;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.router.LeakDetection;
import io.wolfpack.router.Router;
import io.wolfpack.router.RouterConfig;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Issue 5's benchmark: wrk → Wolfpack router → 3 nginx backends against wrk → nginx as a reverse
 * proxy → the same backends, in one run on one machine, at each connection count (32 and 256 by
 * default). Prints requests/s, p50 and p99 of both, their ratios, and whether the router met the
 * target. The backends and the nginx proxy are two separate nginx instances, children of this JVM
 * with their own temp prefix; the router runs in this JVM, which is otherwise idle while wrk runs.
 * Everything started is stopped by pid and the temp directory removed, also on Ctrl-C or failure.
 * See docs/BENCHMARKS.md.
 */
public final class RouterBenchmark {
    static final int BACKENDS = 3;

    private RouterBenchmark() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        Tools tools;
        try {
            options = BenchOptions.parse(args);
            tools = Tools.locate();
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("router benchmark: " + e.getMessage());
            System.exit(2);
            return;
        }
        // the router runs here as `wolfpack router` runs it: without Netty's leak detector
        LeakDetection.offUnlessConfigured();
        int code = 0;
        Cleanup cleanup = new Cleanup().closeOnExit();
        try {
            List<Comparison> results = run(options, tools, cleanup, System.out);
            System.out.println();
            System.out.print(Report.render(machine(tools), setup(options), results));
        } catch (Exception e) {
            System.err.println(cleanup.closing() ? "router benchmark interrupted; stopping everything it started"
                    : "router benchmark failed: " + e.getMessage());
            code = 1;
        } finally {
            cleanup.close();
        }
        System.exit(code);
    }

    static List<Comparison> run(BenchOptions o, Tools tools, Cleanup cleanup, PrintStream out)
            throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("wolfpack-router-bench");
        cleanup.add(new TempDir(dir));
        // started as root, nginx workers run as 'nobody' and must be able to enter the prefix
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<Integer> ports = freePorts(BACKENDS + 1);
        List<Integer> backendPorts = ports.subList(0, BACKENDS);
        int nginxProxyPort = ports.get(BACKENDS);

        NginxProcess backends = NginxProcess.start("backends", tools.nginx(), dir.resolve("backends"),
                NginxConfig.backends(dir.resolve("backends"), o.nginxWorkerSetting(), backendPorts), backendPorts, cleanup);
        NginxProcess nginxProxy = NginxProcess.start("proxy", tools.nginx(), dir.resolve("proxy"),
                NginxConfig.proxy(dir.resolve("proxy"), o.nginxWorkerSetting(), nginxProxyPort, backendPorts),
                List.of(nginxProxyPort), cleanup);
        Router router = cleanup.add(new Router(new RouterConfig("127.0.0.1", 0, 16 * 1024, 8 * 1024, 30_000, o.routerThreads()),
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        router.start();
        router.update(table(backendPorts));
        out.printf("backends: nginx pid %d on 127.0.0.1:%s%n", backends.pid(), backendPorts);
        out.printf("proxies:  router (this JVM, pid %d, JVM flags %s) on 127.0.0.1:%d; nginx pid %d on 127.0.0.1:%d%n",
                ProcessHandle.current().pid(), ManagementFactory.getRuntimeMXBean().getInputArguments(), router.port(),
                nginxProxy.pid(), nginxProxyPort);
        out.printf("temp dir: %s (removed at the end)%n", dir);
        Probe.check("the router", router.port(), BACKENDS);
        Probe.check("the nginx proxy", nginxProxyPort, BACKENDS);

        Wrk wrk = new Wrk(tools.wrk(), cleanup);
        firstWarmup(wrk, o, router.port(), nginxProxyPort, out);
        List<Comparison> comparisons = new ArrayList<>();
        for (int i = 0; i < o.connections().size(); i++) {
            int connections = o.connections().get(i);
            Map<Proxy, List<ProxyRun>> runs = new EnumMap<>(Proxy.class);
            for (int round = 0; round < o.rounds(); round++) {
                for (Proxy proxy : order()) {
                    int port = proxy == Proxy.ROUTER ? router.port() : nginxProxyPort;
                    Supplier<Duration> proxyCpu = proxy == Proxy.ROUTER ? RouterBenchmark::ownCpu : nginxProxy::cpu;
                    ProxyRun run = measure(wrk, o, connections, port, proxyCpu,
                            () -> ownCpu().plus(backends.cpu()).plus(nginxProxy.cpu()), proxy == Proxy.ROUTER);
                    runs.computeIfAbsent(proxy, p -> new ArrayList<>()).add(run);
                    WrkResult w = run.wrk();
                    out.printf(Locale.ROOT, "  %4d connections, round %d, %-6s %,9.0f requests/s, p50 %s, p99 %s, proxy CPU %.1fus/request,"
                                    + " other load %.2f cores%s%s%n",
                            connections, round + 1, proxy.label, w.requestsPerSecond(), Report.millis(w.p50Micros()),
                            Report.millis(w.p99Micros()), run.cpuMicrosPerRequest(), run.backgroundCores(),
                            run.jvm() == null ? "" : ", " + run.jvm().describe(), w.clean() ? "" : " (" + w.problems() + ")");
                }
            }
            comparisons.add(Comparison.of(connections, runs.get(Proxy.ROUTER), runs.get(Proxy.NGINX)));
        }
        return comparisons;
    }

    /**
     * Before any measured run, {@code --first-warmup} of traffic through each proxy, in short wrk
     * runs that alternate between them and go through the connection counts in turn: a router in
     * service has compiled its request path and seen connections come and go. Short runs, because
     * each opens new connections: a connection's first request takes branches that later ones do
     * not, C2 leaves such branches out after a while of steady keep-alive traffic and throws the
     * compiled path away when they are taken again (an "unstable_if" deoptimization, up to a few
     * times per branch before it keeps them).
     * One long run left those deoptimizations, and the recompiling, to the first measured rounds.
     * Alternating keeps both proxies' upstream pools within their 30 s idle timeout.
     */
    private static void firstWarmup(Wrk wrk, BenchOptions o, int routerPort, int nginxPort, PrintStream out)
            throws IOException, InterruptedException {
        if (o.firstWarmup().isZero()) return;
        Duration piece = o.warmup().isZero() ? Duration.ofSeconds(5) : o.warmup();
        int runs = (int) Math.max(1, (o.firstWarmup().toMillis() + piece.toMillis() - 1) / piece.toMillis());
        List<Integer> counts = o.connections();
        runs = Math.max(runs, counts.size()); // every connection count has its own paths (more connections per loop, fuller buffers)
        out.printf("first warm-up: %d x %ds through each proxy, alternating, at %s connections in turn, not measured%n",
                runs, piece.toSeconds(), counts);
        for (int i = 0; i < runs; i++) {
            int connections = counts.get(i % counts.size());
            wrk.run(o.threads(), connections, piece, routerPort);
            wrk.run(o.threads(), connections, piece, nginxPort);
        }
    }

    /**
     * The runs of a round: router, then nginx, every round, so the two strictly alternate and each
     * run follows one of the other proxy (neither gets a machine it warmed itself). Until session 6
     * the first proxy alternated per round (router-nginx, nginx-router, ...); that ran one proxy twice
     * in a row, leaving the other idle for 32 s, past both proxies' 30 s upstream idle timeout: every
     * other round measured reconnecting pools and, for the router, the JIT recompiling the paths
     * a reconnect takes (100-140 ms of C2 in those rounds, JFR).
     */
    static List<Proxy> order() {
        return List.of(Proxy.ROUTER, Proxy.NGINX);
    }

    /** One route for {@link NginxConfig#HOST}, one static backend (instance null) of the three nginx ports. */
    static RouteTable table(List<Integer> backendPorts) {
        List<Endpoint> endpoints = backendPorts.stream().map(p -> new Endpoint("127.0.0.1", p, null)).toList();
        return new RouteTable(1, List.of(new Route("bench", NginxConfig.HOST, "/", 0,
                List.of(new Backend("nginx-backends", 100, endpoints)))));
    }

    /**
     * One measured run: a second of watching for other load (which also lets the last run's
     * connections close), the warm-up, then wrk with the proxy's CPU time (and for the router, this
     * JVM's JIT and GC time) read around it.
     */
    private static ProxyRun measure(Wrk wrk, BenchOptions o, int connections, int port, Supplier<Duration> proxyCpu,
                                    Supplier<Duration> allOurCpu, boolean router) throws IOException, InterruptedException {
        double background = MachineCpu.otherCoresOver(Duration.ofSeconds(1), allOurCpu);
        if (!o.warmup().isZero()) wrk.run(o.threads(), connections, o.warmup(), port);
        Duration before = proxyCpu.get();
        JvmActivity jvmBefore = router ? JvmActivity.now() : null;
        WrkResult w = wrk.run(o.threads(), connections, o.duration(), port);
        JvmActivity jvm = router ? JvmActivity.now().since(jvmBefore) : null;
        return new ProxyRun(w, proxyCpu.get().minus(before).toNanos() / 1e9, background, jvm);
    }

    /** CPU time of this JVM: the router and the (otherwise idle) benchmark. */
    private static Duration ownCpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Ports free on 127.0.0.1 right now, all different (held open together while picked). */
    static List<Integer> freePorts(int n) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.bind(new InetSocketAddress("127.0.0.1", 0));
                ports.add(s.getLocalPort());
            }
            return ports;
        } finally {
            for (ServerSocket s : held) s.close();
        }
    }

    private static String machine(Tools tools) {
        return Runtime.getRuntime().availableProcessors() + " cores shared by wrk, nginx and the router; Java "
                + System.getProperty("java.version") + "; " + tools.versions();
    }

    private static String setup(BenchOptions o) {
        int routerThreads = o.routerThreads() > 0 ? o.routerThreads() : Runtime.getRuntime().availableProcessors();
        return String.format(Locale.ROOT,
                "wrk --latency -t%d -d%ds (warm-up %ds before each run, %ds before the first) -> proxy -> %d nginx backends (own nginx, worker_processes %s)%n"
                        + "         router: this JVM, %d %s event loops; nginx proxy: worker_processes %s, upstream keepalive %d%n"
                        + "         %d round(s) per proxy and connection count, medians shown; router and nginx runs alternate",
                o.threads(), o.duration().toSeconds(), o.warmup().toSeconds(), o.firstWarmup().toSeconds(), BACKENDS, o.nginxWorkerSetting(),
                routerThreads, Epoll.isAvailable() ? "epoll" : "NIO", o.nginxWorkerSetting(), NginxConfig.UPSTREAM_KEEPALIVE,
                o.rounds());
    }

    /** The benchmark's temp directory, removed with everything in it. */
    private record TempDir(Path dir) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            if (!Files.exists(dir)) return;
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
