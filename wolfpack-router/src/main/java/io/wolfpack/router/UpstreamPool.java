package io.wolfpack.router;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.wolfpack.core.route.Endpoint;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle keep-alive connections to upstream endpoints, for one event loop. Every method runs on that
 * loop, so there are no locks. The most recently used connection is handed out first (it is the
 * least likely to have been closed by the server); surplus and dead connections are closed.
 */
final class UpstreamPool {
    static final int MAX_IDLE_PER_ENDPOINT = 128;
    /** Above this many endpoints, a queue left empty by closed connections is dropped. */
    static final int MAX_EMPTY_QUEUES_KEPT = 256;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final Map<Endpoint, ArrayDeque<Channel>> idle = new HashMap<>(); // records: cheap equals and hash

    UpstreamPool(EventLoop loop, Bootstrap bootstrap) {
        this.loop = loop;
        this.bootstrap = bootstrap;
    }

    /** An idle connection to {@code endpoint}, or a new one; fails with the connect error. */
    Future<Channel> acquire(Endpoint endpoint, int connectTimeoutMillis) {
        Channel ch = pollIdle(endpoint);
        return ch != null ? loop.newSucceededFuture(ch) : connect(endpoint, connectTimeoutMillis);
    }

    /**
     * An idle connection to {@code endpoint}, taken out of the pool, or null when there is none. The
     * usual way for a request on a busy route: no future and no listener, unlike {@link #acquire}.
     */
    Channel pollIdle(Endpoint endpoint) {
        ArrayDeque<Channel> queue = idle.get(endpoint);
        if (queue == null) return null;
        Channel ch;
        while ((ch = queue.pollLast()) != null) {
            if (ch.isActive()) return ch;
            ch.close();
        }
        return null;
    }

    /**
     * A new connection to {@code endpoint}, never one from the pool; for WebSocket handshakes,
     * whose connection becomes a tunnel and is closed rather than released.
     */
    Future<Channel> connect(Endpoint endpoint, int connectTimeoutMillis) {
        Promise<Channel> promise = loop.newPromise();
        ChannelFuture connect = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .connect(endpoint.host(), endpoint.port());
        connect.addListener(f -> {
            if (f.isSuccess()) {
                Channel ch = connect.channel();
                // forget a pooled connection as soon as it closes, whoever closed it
                ch.closeFuture().addListener(c -> forget(endpoint, ch));
                promise.setSuccess(ch);
            } else {
                promise.setFailure(f.cause());
            }
        });
        return promise;
    }

    /** Returns a connection that has finished a response and may carry another request. */
    void release(Endpoint endpoint, Channel ch) {
        if (!ch.isActive()) {
            ch.close();
            return;
        }
        ArrayDeque<Channel> queue = idle.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
        if (queue.size() >= MAX_IDLE_PER_ENDPOINT) {
            ch.close();
            return;
        }
        queue.addLast(ch);
    }

    int idleCount(Endpoint endpoint) {
        ArrayDeque<Channel> queue = idle.get(endpoint);
        return queue == null ? 0 : queue.size();
    }

    private void forget(Endpoint endpoint, Channel ch) {
        ArrayDeque<Channel> queue = idle.get(endpoint);
        if (queue == null) return;
        queue.remove(ch);
        // An endpoint whose idle connections all timed out keeps its (empty) queue: removing it made
        // the next request after a quiet spell find none, a path C2 had compiled out of the request
        // path (JFR: a deoptimization each time). Bounded, for endpoints that come and go.
        if (queue.isEmpty() && idle.size() > MAX_EMPTY_QUEUES_KEPT) idle.remove(endpoint);
    }
}
