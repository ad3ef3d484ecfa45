package io.wolfpack.router;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
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
    }

    UpstreamPool poolFor(EventLoop loop) {
        // looked up first: computeIfAbsent's lambda captures this and would be allocated per request
        UpstreamPool pool = pools.get(loop);
        return pool != null ? pool : pools.computeIfAbsent(loop, l -> new UpstreamPool(l, template.clone(l)));
    }
}
