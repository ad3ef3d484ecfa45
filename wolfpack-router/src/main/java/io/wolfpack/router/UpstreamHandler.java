package io.wolfpack.router;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.Channel;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.TimeUnit;

/**
 * The last handler of an upstream connection: passes responses to the {@link Exchange} using the
 * connection, if any. A pooled connection has none; anything it receives is unexpected, so it closes.
 */
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
    private Exchange exchange;
    private IdleTimeout idle; // closes the connection when it sits in the pool too long
    private ResponseDecoder decoder;

    /** Routes {@code ch}'s responses to {@code e}; false when the connection is already torn down. */
    static boolean attach(Channel ch, Exchange e) {
        UpstreamHandler h = ch.pipeline().get(UpstreamHandler.class);
        if (h == null) return false;
        h.exchange = e;
        if (h.decoder != null) h.decoder.expectHeadResponse(e.headRequest());
        return true;
    }

    static void detach(Channel ch, Exchange e) {
        UpstreamHandler h = ch.pipeline().get(UpstreamHandler.class);
        if (h != null && h.exchange == e) {
            h.exchange = null;
            h.idle.touch();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        decoder = ctx.pipeline().get(ResponseDecoder.class);
        idle = new IdleTimeout(ctx.channel(), UpstreamConnector.IDLE_SECONDS, TimeUnit.SECONDS, () -> exchange != null);
        if (ctx.channel().isActive()) idle.start();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        idle.start();
        ctx.fireChannelActive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        idle.stop(); // a Tunnel took over
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Exchange e = exchange;
        if (e == null) { // nothing was asked on this connection
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (msg instanceof ResponseHead head) {
            e.onResponseHead(head);
        } else if (msg instanceof ByteBuf || msg == BodyEnd.INSTANCE) {
            e.onResponseContent(msg);
        } else if (msg instanceof DecodeFailure failure) {
            e.upstreamInvalid(failure.cause());
            ctx.close();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.flushClient();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) exchange.upstreamWritabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        idle.stop();
        Exchange e = exchange;
        exchange = null;
        if (e != null) e.upstreamClosed();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Exchange e = exchange;
        exchange = null;
        if (e != null) e.upstreamFailed(cause);
        ctx.close();
    }
}
