package io.wolfpack.server;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.wolfpack.server.api.ApiServer;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.server.cluster.NodeRegistry;
import io.wolfpack.server.cluster.NodeWatcher;
import io.wolfpack.server.cluster.QuarantineWatcher;
import io.wolfpack.server.cluster.ReportIngest;
import io.wolfpack.server.cluster.SnapshotBuilder;
import io.wolfpack.server.control.ServiceController;
import io.wolfpack.server.feed.FeedPublisher;
import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.ZkPaths;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The control plane, wired: store and mirror, feeds, controllers and the API. Any number of
 * servers may run on one ZooKeeper; a leader latch picks the one whose controllers act, and every
 * server answers the API from its own mirror.
 */
public final class WolfpackServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WolfpackServer.class);

    private final ServerConfig config;
    private final PrometheusMeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    private ClusterStore store;
    private LeaderLatch leader;
    private FeedPublisher feeds;
    private ServiceController controller;
    private ApiServer api;
    private ScheduledExecutorService housekeeping;
    private final io.wolfpack.server.images.ImagesConfig imagesConfig;
    private io.wolfpack.server.images.Images images;

    public WolfpackServer(ServerConfig config, PrometheusMeterRegistry metrics) {
        this(config, metrics, io.wolfpack.server.images.ImagesConfig.off(config.dataDir().resolve("images")));
    }

    public WolfpackServer(ServerConfig config, PrometheusMeterRegistry metrics, io.wolfpack.server.images.ImagesConfig images) {
        this.config = config;
        this.metrics = metrics;
        this.imagesConfig = images;
    }

    public WolfpackServer(ServerConfig config) {
        this(config, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }

    public PrometheusMeterRegistry metrics() {
        return metrics;
    }

    public void start() throws Exception {
        store = new ClusterStore(config.zookeeper());
        store.start(Duration.ofSeconds(30));
        // Silence is judged against this server's own lag in answering reports (ReportLag).
        io.wolfpack.server.cluster.ReportLag reportLag = new io.wolfpack.server.cluster.ReportLag(clock);
        NodeRegistry registry = new NodeRegistry(config.liveness(), clock, reportLag::recent);
        EventLog events = new EventLog(store, clock);
        leader = new LeaderLatch(store.curator(), ZkPaths.LEADER, config.host() + ":" + config.port());
        // Liveness changes come from heartbeats in memory, not from ZooKeeper: a watcher turns them
        // into events, route changes and resyncs.
        NodeWatcher nodes = new NodeWatcher(store.mirror(), registry, events, () -> leader.hasLeadership(), clock);
        feeds = new FeedPublisher(store.mirror(), nodes::silentNodes);
        feeds.start();

        SnapshotBuilder snapshots = new SnapshotBuilder(store.mirror(), registry, config.portRange());
        io.wolfpack.server.cluster.TrafficStats traffic = new io.wolfpack.server.cluster.TrafficStats();
        controller = new ServiceController(store, snapshots, events, leader::hasLeadership, clock, metrics, config.resyncEvery(),
                nodes::assessment, traffic);
        nodes.onChange(changed -> feeds.refresh());
        nodes.onChange(controller::resyncNodes);
        leader.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                log.info("this server is the leader: controllers act");
                controller.resyncAll();
            }

            @Override
            public void notLeader() {
                log.info("this server is no longer the leader: controllers stand by");
            }
        });
        leader.start();
        controller.start();

        ClusterViews views = new ClusterViews(store.mirror(), registry);
        io.wolfpack.server.cluster.InstanceCpu cpu = new io.wolfpack.server.cluster.InstanceCpu(clock);
        ReportIngest reports = new ReportIngest(store, registry, events, clock, cpu, reportLag);
        api = new ApiServer(store, views, events, reports, feeds, metrics, config.token(), config.joinToken(),
                config.dataDir().toAbsolutePath(), clock, traffic);
        images = new io.wolfpack.server.images.Images(imagesConfig, store, views, events, clock, () -> leader.hasLeadership());
        api.add(images::register);
        api.start(config.host(), config.port());

        ClusterMetrics gauges = new ClusterMetrics(store.mirror(), metrics);
        io.micrometer.core.instrument.Gauge.builder("wolfpack_report_lag_seconds", reportLag, l -> l.recent().toMillis() / 1000.0)
                .description("How late this server answers agents' reports (90th percentile, last 10 s); node liveness thresholds stretch by it")
                .register(metrics);
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "server-housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleWithFixedDelay(() -> guard("metrics", gauges::refresh), 0, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> guard("event trim", () -> {
            if (leader.hasLeadership()) events.trim();
        }), 30, 60, TimeUnit.SECONDS);
        io.wolfpack.server.control.DrainWatcher drains = new io.wolfpack.server.control.DrainWatcher(store.mirror(), events);
        housekeeping.scheduleWithFixedDelay(() -> guard("drain progress", () -> {
            if (leader.hasLeadership()) drains.check();
        }), 1, 1, TimeUnit.SECONDS);
        // Node liveness is judged from heartbeats held in memory, so no watch fires when a node
        // goes quiet: look again every second.
        // Often: the time from a node going quiet to its instances leaving the routes is this plus suspectAfter.
        housekeeping.scheduleWithFixedDelay(() -> guard("node liveness", nodes::check), 250, 250, TimeUnit.MILLISECONDS);
        io.wolfpack.server.control.Autoscaler autoscaler = new io.wolfpack.server.control.Autoscaler(store, traffic, cpu, events,
                () -> leader.hasLeadership(), clock);
        housekeeping.scheduleWithFixedDelay(() -> guard("autoscaler", autoscaler::check), 2,
                io.wolfpack.server.control.Autoscaler.EVERY.toMillis(), TimeUnit.MILLISECONDS);
        images.schedule(housekeeping);
        QuarantineWatcher quarantine = new QuarantineWatcher(store, registry, events, () -> leader.hasLeadership(), clock);
        housekeeping.scheduleWithFixedDelay(() -> guard("host quarantine", quarantine::check), 5, 2, TimeUnit.SECONDS);
        log.info("Wolfpack server listening on http://{}:{} (ZooKeeper {})", config.host(), api.port(), config.zookeeper());
    }

    private static void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.toString());
        }
    }

    public int port() {
        return api.port();
    }

    public String url() {
        return "http://" + (config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host()) + ":" + port();
    }

    public ClusterStore store() {
        return store;
    }

    @Override
    public void close() {
        if (housekeeping != null) housekeeping.shutdownNow();
        if (api != null) api.close();
        if (images != null) images.close();
        if (controller != null) controller.close();
        if (feeds != null) feeds.close();
        try {
            if (leader != null) leader.close();
        } catch (Exception e) {
            log.debug("leader latch close: {}", e.toString());
        }
        if (store != null) store.close();
    }
}
