package io.wolfpack.cli.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The fleet simulator's HTTP/1.1 client for one Netty event loop: requests go out as bytes
 * written in one piece (the request line and headers of {@code ApiClient}: Host, Accept,
 * Authorization, and Content-Type and Content-Length on a POST; no User-Agent), responses are
 * decoded by Netty's HTTP codec (Content-Length or chunked) and handed to the caller on the same
 * thread. No thread hop and no future per request: a fleet of 10,000 simulated agents shares the
 * machine with the server it measures, so every CPU second spent here is taken from the server.
 *
 * <p>POSTs share a pool of keep-alive connections, most recently used first, opened on demand: as
 * many as reports are in flight at once, a few dozen while the server keeps up (a node has at most
 * one report in flight, so never more than the nodes). A connection unused for
 * {@link #STALE_NANOS} is closed, so the pool shrinks after a burst; it is not capped lower, as
 * closing connections after a burst of answers only to open new ones for the next heartbeats
 * costs both sides far more than idle sockets. A GET runs on a connection of the caller's own, as a
 * long-poll must: 10,000 agents hold 10,000 connections open on the server, as a real fleet does.
 * Every method runs on the event loop, so nothing is locked.
 */
final class SimHttp {
    /** Idle pooled connections kept at most; beyond, a returned connection is closed. */
    static final int MAX_IDLE = 4096;
    /**
     * A pooled connection idle this long is closed rather than reused: it is not needed, and the
     * server may be closing it at that moment (Jetty's idle timeout is 30 s), and a report lost
     * that way would count as a failed heartbeat.
     */
    static final long STALE_NANOS = TimeUnit.SECONDS.toNanos(15);
    static final int CONNECT_TIMEOUT_MILLIS = 5000;
    static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

    private static final byte[] HTTP_1_1 = " HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JSON_BODY = "Content-Type: application/json\r\nContent-Length: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};

    /** How a request ended: the status and body of the response, or an error (status 0, no body). */
    interface Callback {
        /** Runs on the event loop; {@code body} is valid only during the call. */
        void done(int status, ByteBuf body, Throwable error);
    }

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final String host;
    private final int port;
    private final byte[] pathPrefix;
    private final byte[] headers;
    private final ArrayDeque<SimConnection> idle = new ArrayDeque<>();

    SimHttp(EventLoop loop, URI server, String token) {
        if (!"http".equals(server.getScheme()) || server.getHost() == null) {
            throw new IllegalArgumentException("--server " + server + ": must be http://HOST[:PORT] (the simulator speaks plain HTTP/1.1)");
        }
        for (char c : token.toCharArray()) {
            if (c < 0x21 || c > 0x7e) throw new IllegalArgumentException("the join token must be printable ASCII without spaces (it goes into the Authorization header); it has the character code " + (int) c);
        }
        this.loop = loop;
        this.host = server.getHost();
        this.port = server.getPort() == -1 ? 80 : server.getPort();
        String path = server.getRawPath() == null ? "" : server.getRawPath();
        this.pathPrefix = (path.endsWith("/") ? path.substring(0, path.length() - 1) : path).getBytes(StandardCharsets.US_ASCII);
        String hostHeader = server.getPort() == -1 ? host : host + ":" + port;
        this.headers = ("Host: " + hostHeader + "\r\nAccept: application/json\r\nAuthorization: Bearer " + token + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        this.bootstrap = new Bootstrap().group(loop).channel(channelType())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS);
    }

    /** Event loops of the best transport here: native epoll on Linux when it loads, else the JDK's NIO. */
    static EventLoopGroup eventLoops(int threads) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("fleet-io", true),
                Epoll.isAvailable() ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    }

    private static Class<? extends SocketChannel> channelType() {
        return Epoll.isAvailable() ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    EventLoop loop() {
        return loop;
    }

    /** POSTs {@code json} to {@code path} (with its query) on a pooled connection. */
    void post(String path, byte[] json, long timeoutMillis, Callback done) {
        onLoop();
        SimConnection c = pooledConnection();
        c.send(encode("POST", path, json), timeoutMillis, done);
    }

    /**
     * GETs {@code path} (with its query) on a connection of the caller's own: {@code own} when it
     * can carry a request, else a new one. Returns the connection used, for the caller's next GET.
     */
    SimConnection get(SimConnection own, String path, long timeoutMillis, Callback done) {
        onLoop();
        SimConnection c = own != null && own.ready() ? own : open(false);
        c.send(encode("GET", path, null), timeoutMillis, done);
        return c;
    }

    /** A pooled connection that finished its response on a kept-alive connection. */
    void release(SimConnection c) {
        if (idle.size() >= MAX_IDLE) {
            c.close();
            return;
        }
        idle.addLast(c);
        // the least recently used are at the bottom: close those gone stale (one check when none is)
        long now = System.nanoTime();
        SimConnection oldest;
        while ((oldest = idle.peekFirst()) != null && (!oldest.ready() || now - oldest.idleSinceNanos() >= STALE_NANOS)) {
            idle.pollFirst().close();
        }
    }

    private void onLoop() {
        if (!loop.inEventLoop()) throw new IllegalStateException("SimHttp is used from " + Thread.currentThread().getName() + ", not its event loop");
    }

    private SimConnection pooledConnection() {
        long now = System.nanoTime();
        SimConnection c;
        while ((c = idle.pollLast()) != null) {
            if (c.ready() && now - c.idleSinceNanos() < STALE_NANOS) return c;
            c.close();
        }
        return open(true);
    }

    private SimConnection open(boolean pooled) {
        SimConnection c = new SimConnection(this, pooled);
        c.connecting(bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                // requests are written as ready bytes: only responses need a codec
                ch.pipeline().addLast(new HttpResponseDecoder(), new HttpObjectAggregator(MAX_RESPONSE_BYTES), c);
            }
        }).connect(host, port));
        return c;
    }

    /** The request in one buffer: request line, headers, and the body if there is one. */
    private ByteBuf encode(String method, String path, byte[] json) {
        int size = method.length() + 1 + pathPrefix.length + path.length() + HTTP_1_1.length + headers.length + CRLF.length
                + (json == null ? 0 : JSON_BODY.length + 10 + CRLF.length + json.length);
        ByteBuf b = ByteBufAllocator.DEFAULT.ioBuffer(size);
        ByteBufUtil.writeAscii(b, method);
        b.writeByte(' ');
        b.writeBytes(pathPrefix);
        ByteBufUtil.writeAscii(b, path);
        b.writeBytes(HTTP_1_1);
        b.writeBytes(headers);
        if (json != null) {
            b.writeBytes(JSON_BODY);
            ByteBufUtil.writeAscii(b, Integer.toString(json.length));
            b.writeBytes(CRLF);
        }
        b.writeBytes(CRLF);
        if (json != null) b.writeBytes(json);
        return b;
    }
}
