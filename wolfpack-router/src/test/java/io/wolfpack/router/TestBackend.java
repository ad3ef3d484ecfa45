package io.wolfpack.router;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.wolfpack.core.route.Endpoint;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP server for router tests, on 127.0.0.1 and a free port. What it does depends on the path:
 * <ul>
 *   <li>{@code /slow}: never answers</li>
 *   <li>{@code /close-mid}: promises 1000 bytes, sends 10, closes</li>
 *   <li>{@code /bytes/N}: N bytes with Content-Length, streamed as the connection drains</li>
 *   <li>{@code /chunked/N}: N bytes chunked</li>
 *   <li>{@code /until-close/N}: N bytes with no length, then closes (HTTP/1.0-style framing)</li>
 *   <li>{@code /count}: the number of request body bytes received</li>
 *   <li>anything else: a line naming the backend, path and the forwarding headers seen, with status
 *   {@link #status} (200 unless a test sets another)</li>
 * </ul>
 */
final class TestBackend implements AutoCloseable {
    final String name;
    final AtomicInteger connections = new AtomicInteger();
    /** The status of the plain answers; a test sets 500 for a failing backend. */
    volatile int status = 200;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;

    TestBackend(String name) {
        this.name = name;
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.incrementAndGet();
                        ch.pipeline().addLast(new HttpServerCodec(), new Handler());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    Endpoint endpoint() {
        return new Endpoint("127.0.0.1", port(), name + "-1");
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handler extends ChannelInboundHandlerAdapter {
        private HttpRequest request;
        private long bodyBytes;
        private PatternStream streaming;
        private boolean closeAfterStream;

        /** Writes the body while the connection has room; resumed when it drains. */
        private void stream(ChannelHandlerContext ctx) {
            byte[] buf = new byte[64 * 1024];
            while (streaming != null && ctx.channel().isWritable()) {
                int r = streaming.read(buf, 0, buf.length);
                if (r < 0) {
                    streaming = null;
                    var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                    if (closeAfterStream) f.addListener(ChannelFutureListener.CLOSE);
                    return;
                }
                ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(buf, 0, r)));
                buf = new byte[64 * 1024];
            }
            ctx.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (streaming != null && ctx.channel().isWritable()) stream(ctx);
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpRequest r) {
                    request = r;
                    bodyBytes = 0;
                    if (r.uri().equals("/close-mid")) {
                        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 1000);
                        ctx.write(head);
                        ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[10])))
                                .addListener(ChannelFutureListener.CLOSE);
                    }
                }
                if (msg instanceof HttpContent c) {
                    bodyBytes += c.content().readableBytes();
                    if (c instanceof LastHttpContent && request != null) respond(ctx);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void respond(ChannelHandlerContext ctx) {
            String uri = request.uri();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (uri.equals("/slow") || uri.equals("/close-mid")) return;
            if (uri.startsWith("/bytes/") || uri.startsWith("/chunked/") || uri.startsWith("/until-close/")) {
                long n = Long.parseLong(uri.substring(uri.lastIndexOf('/') + 1));
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                if (uri.startsWith("/bytes/")) HttpUtil.setContentLength(head, n);
                else if (uri.startsWith("/chunked/")) HttpUtil.setTransferEncodingChunked(head, true);
                ctx.write(head);
                streaming = new PatternStream(n);
                closeAfterStream = uri.startsWith("/until-close/") || !keepAlive;
                stream(ctx);
                return;
            }
            String text = uri.equals("/count") ? "count=" + bodyBytes
                    : "backend=" + name + " path=" + uri
                    + " host=" + request.headers().get(HttpHeaderNames.HOST)
                    + " xff=" + request.headers().get("X-Forwarded-For")
                    + " xfh=" + request.headers().get("X-Forwarded-Host")
                    + " xfp=" + request.headers().get("X-Forwarded-Proto")
                    + " upgrade=" + request.headers().get(HttpHeaderNames.UPGRADE)
                    + " custom=" + request.headers().get("X-Custom")
                    + " dropped=" + request.headers().get("X-Dropped-By-Connection");
            ByteBuf body = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
            r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            r.headers().set("X-Backend", name);
            var f = ctx.writeAndFlush(r);
            if (!keepAlive) f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** n bytes of a repeating pattern, produced on demand. */
    static final class PatternStream extends InputStream {
        private long remaining;
        private long pos;

        PatternStream(long n) {
            remaining = n;
        }

        @Override
        public int read() {
            if (remaining <= 0) return -1;
            remaining--;
            return (int) (pos++ % 251);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining <= 0) return -1;
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) b[off + i] = (byte) (pos++ % 251);
            remaining -= n;
            return n;
        }
    }
}
