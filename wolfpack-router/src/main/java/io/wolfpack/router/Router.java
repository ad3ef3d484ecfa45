package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.core.route.RouterStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The Wolfpack HTTP/1.1 reverse proxy. Serves the route table last given to {@link #update}; the
 * table is swapped whole, so requests already in flight finish against the table they started with.
 * Event loop threads are not daemons: a started router keeps the JVM alive until {@link #close}.
 */
public final class Router implements AutoCloseable {
    /** Idle client keep-alive connections are closed after this long (nginx uses 75 s too). */
    static final int CLIENT_IDLE_SECONDS = 75;
    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final RouterConfig config;
    private final RouterMetrics metrics;
    private final Transport transport;
    private volatile CompiledTable table; // null until the first update: requests get 503
    private EventLoopGroup acceptGroup;
    private EventLoopGroup ioGroup;
    private Channel server;
    private AccessLog accessLog = AccessLog.disabled();
    private volatile Traffic traffic; // null while not serving

    /** The counters of one run, with the name the server knows that run by. */
    private record Traffic(String router, TrafficCounters counters) {
    }

    /** Registers the router's meters on {@code registry}; {@link #close} takes its latency histogram off again. */
    public Router(RouterConfig config, PrometheusMeterRegistry registry) {
        this(config, registry, Transport.best());
    }

    /** For tests that need a particular transport (NIO on a machine that has epoll). */
    Router(RouterConfig config, PrometheusMeterRegistry registry, Transport transport) {
        this.config = Objects.requireNonNull(config, "config");
        this.metrics = new RouterMetrics(Objects.requireNonNull(registry, "registry"));
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /** Binds and starts serving; throws when the address cannot be bound. */
    public synchronized void start() {
        if (server != null) throw new IllegalStateException("router already started on " + server.localAddress());
        AccessLogConfig logConfig = config.accessLog();
        accessLog = AccessLog.open(logConfig, logConfig.enabled() ? metrics.accessLogDropped() : null);
        acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("wolfpack-router-accept"),
                transport.ioHandlers());
        ioGroup = new MultiThreadIoEventLoopGroup(config.effectiveIoThreads(), new DefaultThreadFactory("wolfpack-router-io"),
                transport.ioHandlers());
        long startedMillis = System.currentTimeMillis();
        TrafficCounters counters = new TrafficCounters();
        ProxyContext context = new ProxyContext(config, () -> table, metrics, counters, accessLog,
                new UpstreamConnector(transport.clientChannel()), new Ejections(Ejections.DEFAULT_BACKOFF));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, UpstreamConnector.WATER_MARK)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http", new RequestDecoder(config.maxInitialLineBytes(), config.maxHeaderBytes()))
                                .addLast("proxy", new FrontendHandler(context));
                    }
                });
        try {
            server = bootstrap.bind(config.host(), config.port()).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            shutdownGroups();
            closeAccessLog();
            throw new IllegalStateException("cannot bind the router to " + config.host() + ":" + config.port() + ": "
                    + e.getMessage() + " (is another router or program using the port? choose another port)", e);
        }
        traffic = new Traffic(hostPort(config.host(), port()) + "/" + startedMillis, counters);
        log.info("router listening on {}:{} ({}, {} io threads{})", config.host(), port(), transport.name(),
                config.effectiveIoThreads(), logConfig.enabled() ? ", access log to " + logConfig.destination() : "");
    }

    /** The bound port (useful with port 0); -1 before {@link #start}. */
    public int port() {
        Channel s = server;
        return s == null ? -1 : ((InetSocketAddress) s.localAddress()).getPort();
    }

    /**
     * What the router tells the server about its traffic (see {@link RouterStatsReporter}): per
     * route and backend, counters since {@link #start}, under the name "host:port/start epoch
     * millis", unique per run. Null while the router is not serving.
     */
    public RouterStats trafficStats() {
        Traffic t = traffic;
        return t == null ? null : new RouterStats(t.router(), t.counters().snapshot());
    }

    private static String hostPort(String host, int port) {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** Serves {@code newTable} from the next request on. */
    public void update(RouteTable newTable) {
        CompiledTable compiled = CompiledTable.compile(Objects.requireNonNull(newTable, "newTable"));
        table = compiled;
        log.info(compiled.summary());
    }

    /** The table being served, or {@link RouteTable#EMPTY} before the first {@link #update}. */
    public RouteTable table() {
        CompiledTable t = table;
        return t == null ? RouteTable.EMPTY : t.table();
    }

    /** False until the first {@link #update}; until then every request is answered 503. */
    public boolean hasTable() {
        return table != null;
    }

    @Override
    public synchronized void close() {
        traffic = null;
        if (server != null) {
            server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        shutdownGroups();
        closeAccessLog(); // after the event loops: the lines of the last requests are in the queue by now
        server = null;
        metrics.close();
    }

    private void closeAccessLog() {
        accessLog.close();
        accessLog = AccessLog.disabled();
    }

    private void shutdownGroups() {
        EventLoopGroup io = ioGroup;
        EventLoopGroup accept = acceptGroup;
        if (accept != null) accept.shutdownGracefully(0, 2_000, TimeUnit.MILLISECONDS);
        if (io != null) io.shutdownGracefully(100, 5_000, TimeUnit.MILLISECONDS);
        if (accept != null) accept.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        if (io != null) io.terminationFuture().awaitUninterruptibly(6, TimeUnit.SECONDS);
        ioGroup = null;
        acceptGroup = null;
    }
}
