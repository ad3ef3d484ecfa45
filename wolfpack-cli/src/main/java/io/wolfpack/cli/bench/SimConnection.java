package io.wolfpack.cli.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive HTTP/1.1 connection of the fleet simulator, carrying one request at a time. It
 * lives as long as its TCP connection: once closed (by either side, an error or a timeout) it is
 * never used again, and the owner opens a new one. Every method runs on the connection's event
 * loop, so nothing is locked.
 *
 * <p>A request ends exactly once: with the response, or with an error when the connection fails,
 * closes first, or the response does not come in time. A timed-out connection is closed, so a late
 * response can never be taken for the next request's.
 */
final class SimConnection extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final SimHttp http;
    private final boolean pooled;
    private final Runnable timeout = this::timedOut;
    private Channel channel;
    private boolean connected;
    private boolean closed;
    private ByteBuf unsent;          // a request given before the connect completed
    private SimHttp.Callback pending;
    private long pendingTimeoutMillis;
    private ScheduledFuture<?> deadline;
    private long idleSinceNanos;

    SimConnection(SimHttp http, boolean pooled) {
        this.http = http;
        this.pooled = pooled;
    }

    /** Called by {@link SimHttp} once the connect started; the request may be given before it completes. */
    void connecting(ChannelFuture connect) {
        channel = connect.channel();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                connected = true;
                if (unsent != null) write(unsent);
                unsent = null;
            } else {
                fail(f.cause());
            }
        });
    }

    /** True if this connection may carry a request now: open and not busy. */
    boolean ready() {
        return !closed && pending == null && channel.isOpen();
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    /**
     * Sends a complete encoded request (this takes the buffer); {@code done} runs on the event loop,
     * at once if the connection is already closed (e.g. its connect failed right away).
     */
    void send(ByteBuf request, long timeoutMillis, SimHttp.Callback done) {
        if (pending != null) {
            request.release();
            throw new IllegalStateException("a request on a connection that is still waiting for a response");
        }
        if (closed || !channel.isOpen()) {
            request.release();
            done.done(0, null, new IOException("connection closed before the request was sent"));
            return;
        }
        pending = done;
        pendingTimeoutMillis = timeoutMillis;
        deadline = channel.eventLoop().schedule(timeout, timeoutMillis, TimeUnit.MILLISECONDS);
        if (connected) write(request);
        else unsent = request;
    }

    private void write(ByteBuf request) {
        // a failed write reaches exceptionCaught through the void promise: no listener per request
        channel.writeAndFlush(request, channel.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        SimHttp.Callback done = pending;
        if (done == null) {
            close(); // a response nobody asked for: the connection is out of step
            return;
        }
        if (response.decoderResult().isFailure()) {
            fail(response.decoderResult().cause());
            return;
        }
        finish();
        // Settled before the callback runs, so that a request the callback sends finds this
        // connection back in the pool, or does not pick a connection about to close.
        if (!HttpUtil.isKeepAlive(response)) close();
        else if (pooled) http.release(this);
        done.done(response.status().code(), response.content(), null);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        fail(new IOException("connection closed before the response"));
    }

    private void timedOut() {
        if (pending == null) return;
        fail(new TimeoutException("no response within " + pendingTimeoutMillis + " ms"));
    }

    /** Ends the pending request (if any) with {@code cause} and closes the connection. */
    private void fail(Throwable cause) {
        close();
        SimHttp.Callback done = pending;
        if (done == null) return;
        finish();
        done.done(0, null, cause);
    }

    private void finish() {
        pending = null;
        if (deadline != null) deadline.cancel(false);
        deadline = null;
        idleSinceNanos = System.nanoTime();
    }

    void close() {
        closed = true;
        if (unsent != null) {
            unsent.release();
            unsent = null;
        }
        // A connect that failed leaves a channel Netty never registered (and closed itself).
        if (channel.isRegistered()) channel.close();
    }
}
