package io.wolfpack.router;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCountUtil;
import io.wolfpack.core.route.Route;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client connection: reads requests one at a time, matches each to a route and hands it to an
 * {@link Exchange}, or answers it with a router error. Requests pipelined behind one in flight wait
 * in a backlog (and reading pauses) until its response is done, so responses keep request order.
 * After an accepted WebSocket handshake a {@link Tunnel} takes this handler's place.
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    static final String NO_TABLE_MESSAGE = "router has no route table yet (waiting for the Wolfpack server)";
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);

    private final ProxyContext context;
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private IdleTimeout idle; // closes the connection when it sits between requests too long
    private ResponseDeadline responseDeadline; // the response timeout of the exchange in flight
    // Facts of the connection, taken when it starts rather than on its first request: a branch that
    // only a connection's first request takes is one C2 leaves out of the hot path after a while of
    // steady keep-alive traffic, and the next burst of new connections then throws the compiled
    // request path away (JFR, session 6: deoptimized at the start of every benchmark run).
    private SocketAddress remoteAddress; // for RequestInfo, per request
    private String clientIp; // X-Forwarded-For needs it per request
    private UpstreamPool upstreamPool; // of this connection's event loop (a connection never changes loops)
    private Exchange current;
    private boolean inRequestBody; // between a request head and its last chunk
    private boolean closing;
    private boolean draining;

    FrontendHandler(ProxyContext context) {
        this.context = context;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        idle = new IdleTimeout(ctx.channel(), Router.CLIENT_IDLE_SECONDS, TimeUnit.SECONDS,
                () -> current != null || inRequestBody);
        upstreamPool = context.upstreams().poolFor(ctx.channel().eventLoop());
        if (ctx.channel().isActive()) connectionStarted();
        responseDeadline = new ResponseDeadline(ctx.executor());
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connectionStarted();
        ctx.fireChannelActive();
    }

    /** Once per connection: handlerAdded sees an accepted channel active already, then channelActive comes. */
    private void connectionStarted() {
        if (remoteAddress != null) return;
        idle.start();
        remoteAddress = ctx.channel().remoteAddress();
        if (remoteAddress instanceof InetSocketAddress inet && inet.getAddress() != null) {
            clientIp = inet.getAddress().getHostAddress();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        idle.stop(); // a Tunnel took over, with its own idle limit
        responseDeadline.stop();
    }

    /** The pool of upstream connections on this connection's event loop. */
    UpstreamPool upstreamPool() {
        return upstreamPool;
    }

    /** Shared by this connection's exchanges, one at a time. */
    ResponseDeadline responseDeadline() {
        return responseDeadline;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closing) {
            ReferenceCountUtil.release(msg);
        } else if (!backlog.isEmpty() || (msg instanceof RequestHead && (current != null || inRequestBody))) {
            backlog.add(msg);
            updateReading();
        } else {
            handle(msg);
        }
    }

    private void handle(Object msg) {
        if (msg instanceof RequestHead request) {
            startRequest(request);
        } else if (msg instanceof ByteBuf || msg == BodyEnd.INSTANCE) {
            onContent(msg);
        } else if (msg instanceof DecodeFailure failure) {
            rejectMalformed(failure.cause(), failure.inHead());
        } else {
            ReferenceCountUtil.release(msg);
            return;
        }
        updateReading();
    }

    /** Answers the request or hands it to an {@link Exchange}. */
    private void startRequest(RequestHead request) {
        inRequestBody = true;
        RequestInfo info = new RequestInfo(request.method(), request.uri(), remoteAddress,
                System.nanoTime());
        boolean http10 = request.http10();
        boolean keepAlive = request.keepAlive();
        CompiledTable table = context.tables().get();
        if (table == null) {
            respond(Failure.NO_TABLE, NO_TABLE_MESSAGE, info, RouterMetrics.NONE, null, keepAlive, http10);
            return;
        }
        if ("CONNECT".equals(request.method())) {
            respond(Failure.METHOD_NOT_SUPPORTED, "the router does not support CONNECT (it is not a forward proxy)",
                    info, RouterMetrics.NONE, null, false, http10);
            return;
        }
        RequestTarget target = RequestTarget.parse(request.uri(), request.host());
        Route route = table.matcher().match(target.host(), target.path());
        if (route == null) {
            String host = target.host().isEmpty() ? "(none)" : target.host();
            respond(Failure.NO_ROUTE, "no route for host " + host + " path " + target.path(),
                    info, RouterMetrics.NONE, null, keepAlive, http10);
            return;
        }
        BackendPicker picker = table.picker(route);
        Ejections ejections = context.ejections();
        long now = info.startNanos();
        // the common case, nothing ejected, skips the predicate (a capturing lambda per request)
        BackendPicker.Pick pick = ejections.none() ? picker.pick(ThreadLocalRandom.current())
                : picker.pickPreferring(ThreadLocalRandom.current(), e -> !ejections.isEjected(e, now));
        if (pick == null) {
            respond(Failure.NO_ENDPOINT, "route " + route.name() + " has no healthy endpoint",
                    info, route.name(), null, keepAlive, http10);
            return;
        }
        String upgrade = ForwardingHeaders.webSocketUpgrade(request);
        current = new Exchange(this, ctx, context, route, picker, pick, target, clientIp, request, upgrade,
                keepAlive, info);
        current.start(false); // flushed at the end of this read (channelReadComplete, drainBacklog)
    }

    /** Request body bytes or their end. */
    private void onContent(Object content) {
        if (!inRequestBody) {
            ReferenceCountUtil.release(content);
            return;
        }
        boolean last = content == BodyEnd.INSTANCE;
        if (current != null) current.requestContent(content);
        else ReferenceCountUtil.release(content); // answered already (router error or early response): discard the rest
        if (last) {
            inRequestBody = false;
            if (current == null) drainBacklog();
        }
    }

    /** Reads only while the next bytes have somewhere to go. */
    void updateReading() {
        boolean read;
        // while closing, keep reading and dropping: closing with unread input would reset the
        // connection and could destroy the error response before the client reads it
        if (closing) read = true;
        else if (inRequestBody) read = current == null || current.acceptsBody();
        // keep reading while a response is in flight: a keep-alive client sends its next request
        // only after it, and a pipelined one lands in the backlog, which stops reading. Pausing
        // here would cost two epoll_ctl calls per request.
        else read = backlog.isEmpty();
        ctx.channel().config().setAutoRead(read);
    }

    void exchangeFinished(Exchange e, boolean closeClient) {
        if (current != e) return;
        current = null;
        idle.touch();
        if (closeClient) {
            closeAfterFlush();
        } else if (!inRequestBody) {
            drainBacklog();
        }
        updateReading();
    }

    void exchangeFailed(Exchange e, Failure failure, String message) {
        if (current != e) return;
        current = null;
        idle.touch();
        // keep-alive stays as the client asked; a body it is still sending is read and dropped
        respond(failure, message, e.info(), e.routeName(), e, e.clientKeepAlive(), e.clientHttp10());
        if (!closing && !inRequestBody) drainBacklog();
        updateReading();
    }

    void exchangeBroken(Exchange e) {
        if (current != e) return;
        current = null;
        closing = true;
        ctx.close();
    }

    /** True when a WebSocket handshake may become a tunnel: nothing of the client's is waiting to be handled. */
    boolean readyToTunnel() {
        return !closing && !inRequestBody && backlog.isEmpty();
    }

    /**
     * The backend accepted a WebSocket handshake, but the client did not wait for that before
     * sending more, which has been read as HTTP by now: answer 400 and close, as for a malformed request.
     */
    void upgradeRefused(Exchange e) {
        if (current != e) return;
        current = null;
        respond(Failure.BAD_REQUEST, "malformed HTTP request: data followed a WebSocket handshake before its answer",
                e.info(), e.routeName(), e, false, e.clientHttp10());
        updateReading();
    }

    /** The exchange became a {@link Tunnel}, which replaces this handler in the pipeline. */
    void exchangeUpgraded(Exchange e) {
        if (current == e) current = null;
        closing = true;
    }

    /**
     * Answers with a router error. {@code failed} is the exchange that tried upstreams, if any: it
     * names the backend, endpoint and retry in the metrics and the access log.
     */
    private void respond(Failure failure, String message, RequestInfo info, String route, Exchange failed,
                         boolean keepAlive, boolean http10) {
        ByteBuf response = failure.response(message, keepAlive, http10, "HEAD".equals(info.method()));
        if (failed != null) context.traffic().routerAnswered(route, failed.backendName());
        context.answered(info, route, failed == null ? RouterMetrics.NONE : failed.backendName(),
                failed == null ? null : failed.endpoint(), failure.status(), failure.bodyBytes(message),
                failed != null && failed.retried());
        ChannelFuture future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            closing = true;
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void rejectMalformed(HttpParseException cause, boolean inHead) {
        if (current != null) {
            current.abort();
            current = null;
        }
        inRequestBody = false;
        RequestInfo info = new RequestInfo(null, null, remoteAddress, System.nanoTime());
        if (!inHead) { // broken chunk framing mid-body: nothing sensible can be answered
            closing = true;
            ctx.close();
            return;
        }
        Failure failure;
        String message;
        if (cause.kind() == HttpParseException.Kind.HEADERS_TOO_LARGE) {
            failure = Failure.HEADERS_TOO_LARGE;
            message = "request headers are larger than " + context.config().maxHeaderBytes() + " bytes";
        } else if (cause.kind() == HttpParseException.Kind.LINE_TOO_LONG) {
            failure = Failure.URI_TOO_LONG;
            message = "request line is longer than " + context.config().maxInitialLineBytes() + " bytes";
        } else {
            failure = Failure.BAD_REQUEST;
            message = "malformed HTTP request: " + cause.getMessage();
        }
        respond(failure, message, info, RouterMetrics.NONE, null, false, false);
    }

    private void drainBacklog() {
        if (draining) return;
        draining = true;
        try {
            while (!closing && !backlog.isEmpty()) {
                Object next = backlog.peek();
                if (next instanceof RequestHead && (current != null || inRequestBody)) break;
                backlog.poll();
                handle(next);
            }
        } finally {
            draining = false;
        }
        if (current != null) current.flushUpstream();
    }

    private void closeAfterFlush() {
        closing = true;
        ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        idle.touch();
        if (current != null) current.flushUpstream();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (current != null) current.clientWritabilityChanged(ctx.channel().isWritable());
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closing = true;
        idle.stop();
        responseDeadline.stop();
        if (current != null) {
            current.abort();
            current = null;
        }
        Object m;
        while ((m = backlog.poll()) != null) ReferenceCountUtil.release(m);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("client connection {} failed; closing it", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
