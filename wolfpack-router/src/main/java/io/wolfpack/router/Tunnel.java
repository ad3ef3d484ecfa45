package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * A WebSocket after its handshake: the client and upstream connections, stripped of their HTTP
 * decoders, joined into a raw byte pipe. Both connections share an event loop, so plain fields do.
 * Reading from one side pauses while the other cannot take more, and when either side closes, the
 * other is closed once what it still has to send is flushed. The route timeout ended with the
 * 101; a tunnel with no traffic either way for {@value #IDLE_SECONDS} s is closed, to reclaim
 * connections whose peer vanished without closing them.
 */
final class Tunnel {
    static final int IDLE_SECONDS = 3600;
    private static final Logger log = LoggerFactory.getLogger(Tunnel.class);

    private final Channel client;
    private final Channel upstream;
    private final LongConsumer onClosed;
    private long bytesToClient;
    private boolean closed;

    private Tunnel(Channel client, Channel upstream, LongConsumer onClosed) {
        this.client = client;
        this.upstream = upstream;
        this.onClosed = onClosed;
    }

    /**
     * Sends {@code switching} (the upstream's 101) to the client and turns both connections into a
     * tunnel. Runs on their event loop. {@code onClosed} gets the bytes relayed to the client, once,
     * when the first side closes.
     */
    static void open(Channel client, Channel upstream, ByteBuf switching, LongConsumer onClosed) {
        new Tunnel(client, upstream, onClosed).join(switching);
    }

    private void join(ByteBuf switching) {
        ChannelPipeline c = client.pipeline();
        ChannelPipeline u = upstream.pipeline();
        client.write(switching).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        c.replace(FrontendHandler.class, "tunnel", new Relay(upstream, false));
        u.replace(UpstreamHandler.class, "tunnel", new Relay(client, true));
        // the HTTP handlers' idle timeouts stopped with them; the tunnel has its own, far longer one
        c.addBefore("tunnel", "idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
        // removing a decoder hands the bytes it holds (frames sent right after the handshake) to
        // the relay, which writes them to the other side, raw
        c.remove(RequestDecoder.class);
        u.remove(ResponseDecoder.class);
        client.flush();
        upstream.flush();
        client.config().setAutoRead(true);
        upstream.config().setAutoRead(true);
        // a side that closed before its relay was in place sends no event the relay would see
        if (!client.isActive()) sideClosed(upstream);
        else if (!upstream.isActive()) sideClosed(client);
    }

    /** One side is gone: report once, and close {@code peer} after flushing what it still has to send. */
    private void sideClosed(Channel peer) {
        if (!closed) {
            closed = true;
            onClosed.accept(bytesToClient);
        }
        if (peer.isActive()) peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    /** Relays what one side reads to {@code peer}. */
    private final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        private final boolean towardClient;

        Relay(Channel peer, boolean towardClient) {
            this.peer = peer;
            this.towardClient = towardClient;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            // raw bytes; or, just once, the end-of-message the upstream's HTTP decoder produced for the 101
            ByteBuf buf = msg instanceof ByteBuf b ? b : null;
            if (buf == null || !buf.isReadable() || !peer.isActive()) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (towardClient) bytesToClient += buf.readableBytes();
            peer.write(buf).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
            // checked after the flush: it may have drained the buffer, and then no writability event would come
            if (!peer.isWritable()) ctx.channel().config().setAutoRead(false);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) peer.config().setAutoRead(true);
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            sideClosed(peer);
            ctx.fireChannelInactive();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) ctx.close();
            else ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) log.debug("websocket connection {} failed: {}", ctx.channel(), cause.toString());
            else log.warn("websocket connection {} failed; closing the tunnel", ctx.channel(), cause);
            ctx.close();
        }
    }
}
