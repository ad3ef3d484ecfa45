package io.wolfpack.router;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Opens upstream connections and hands out one {@link UpstreamPool} per event loop, so a client
 * connection and its upstream connection share a thread and never hand data across threads.
 */
final class UpstreamConnector {
    /** Pooled connections idle this long are closed; below the usual 60 s+ server keep-alive limits. */
    static final int IDLE_SECONDS = 30;
    static final int MAX_RESPONSE_HEADER_BYTES = 64 * 1024;
    static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 128 * 1024);
    /**
     * An upstream connection whose sent bytes stay unacknowledged this long is dropped by the
     * kernel (TCP_USER_TIMEOUT, epoll only), failing the exchange on it: ejected, and a GET or HEAD
     * retried elsewhere. A host that was cut off answers nothing, not even a reset, and a request
     * written on a pooled connection to it would otherwise wait the whole route timeout (30 s by
     * default). A live backend's kernel acknowledges at once, however slow the backend itself is, so
     * this never cuts a slow response short; on the LAN one second is several retransmissions
     * (the minimum retransmission timeout is 200 ms).
     */
    static final int UNACKNOWLEDGED_TIMEOUT_MILLIS = 1_000;

    private final Bootstrap template;
    private final Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();

    UpstreamConnector(Class<? extends SocketChannel> channelType) {
        template = new Bootstrap()
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        // requests go out as bytes the exchange writes; only responses are decoded
                        ch.pipeline()
                                .addLast("http", new ResponseDecoder(MAX_RESPONSE_HEADER_BYTES))
                                .addLast("upstream", new UpstreamHandler());
                    }
                });
        if (EpollSocketChannel.class.isAssignableFrom(channelType)) {
            template.option(EpollChannelOption.TCP_USER_TIMEOUT, UNACKNOWLEDGED_TIMEOUT_MILLIS);
        }
    }

    UpstreamPool poolFor(EventLoop loop) {
        // looked up first: computeIfAbsent's lambda captures this and would be allocated per request
        UpstreamPool pool = pools.get(loop);
        return pool != null ? pool : pools.computeIfAbsent(loop, l -> new UpstreamPool(l, template.clone(l)));
    }
}
