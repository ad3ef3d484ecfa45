package io.wolfpack.router;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.wolfpack.core.route.Route;

import java.net.ConnectException;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * One proxied request and its response, from route pick to the last byte. Runs entirely on the
 * client connection's event loop (the upstream connection shares it), so plain fields suffice.
 * Bodies stream through chunk by chunk: when the receiving side's buffer fills, reading from the
 * sending side stops until it drains, so memory use does not grow with body size.
 * A GET or HEAD without a body that fails before anything reached the client is sent once more
 * to another endpoint; connection failures and timeouts eject the endpoint for a while.
 */
final class Exchange {
    /** A connect that takes longer than this is treated as failed even when the route allows more. */
    static final int CONNECT_TIMEOUT_CAP_MILLIS = 5_000;

    private final FrontendHandler frontend;
    private final ChannelHandlerContext client;
    private final ProxyContext context;
    private final Route route;
    private final BackendPicker picker;
    private final boolean hostIsEndpoint; // the client sent no Host, so it names the endpoint
    private final boolean retryable;
    private final HttpRequest request;
    private final HttpVersion clientVersion;
    private final boolean clientKeepAlive;
    private final boolean headRequest;
    private final long startNanos;
    private final long timeoutMillis;
    private final ArrayDeque<HttpContent> pending = new ArrayDeque<>(4);
    private final ChannelFutureListener writeListener = f -> {
        // only the current connection counts: a write to one abandoned for a retry may fail late
        if (!f.isSuccess() && f.channel() == this.upstream) upstreamFailed(f.cause());
    };

    private BackendPicker.Pick pick;
    private boolean retried;

    private UpstreamPool pool;
    private Channel upstream;
    private ScheduledFuture<?> responseTimer;
    private boolean requestComplete;  // the client sent its last body chunk
    private boolean requestSent;      // ...and it was written upstream
    private boolean interim;          // forwarding a 1xx response
    private boolean responseStarted;  // the final response head went to the client
    private boolean upstreamReusable;
    private boolean closeClientAfter;
    private boolean done;
    private int status;

    Exchange(FrontendHandler frontend, ChannelHandlerContext client, ProxyContext context, Route route,
             BackendPicker picker, BackendPicker.Pick pick, boolean hostIsEndpoint, HttpRequest request,
             HttpVersion clientVersion, boolean clientKeepAlive, long startNanos) {
        this.frontend = frontend;
        this.client = client;
        this.context = context;
        this.route = route;
        this.picker = picker;
        this.pick = pick;
        this.hostIsEndpoint = hostIsEndpoint;
        this.request = request;
        this.clientVersion = clientVersion;
        this.clientKeepAlive = clientKeepAlive;
        this.headRequest = HttpMethod.HEAD.equals(request.method());
        // only safe methods, and only without a body: nothing has to be kept to send it again
        this.retryable = (headRequest || HttpMethod.GET.equals(request.method()))
                && !HttpUtil.isTransferEncodingChunked(request) && HttpUtil.getContentLength(request, 0L) == 0L;
        this.startNanos = startNanos;
        this.timeoutMillis = route.timeoutMillis() > 0 ? route.timeoutMillis() : context.config().defaultTimeoutMillis();
    }

    void start() {
        pool = context.upstreams().poolFor(client.channel().eventLoop());
        int connectTimeout = (int) Math.min(timeoutMillis, CONNECT_TIMEOUT_CAP_MILLIS);
        pool.acquire(pick.endpoint(), connectTimeout).addListener(this::connected);
    }

    private void connected(Future<? super Channel> f) {
        if (!f.isSuccess()) {
            if (!done) connectFailed(f.cause());
            return;
        }
        Channel ch = (Channel) f.getNow();
        if (done) { // the client left while we connected; the fresh connection is still good
            pool.release(pick.endpoint(), ch);
            return;
        }
        if (!UpstreamHandler.attach(ch, this)) {
            ch.close();
            fail(Failure.CLOSED, "route " + route.name() + ": upstream " + address() + " closed the connection before answering",
                    false);
            return;
        }
        upstream = ch;
        ch.write(request).addListener(writeListener);
        HttpContent c;
        while (!done && (c = pending.poll()) != null) writeUpstream(c);
        if (!done) ch.flush();
        frontend.updateReading();
    }

    /** A request body chunk from the client; this exchange now owns it. */
    void requestContent(HttpContent content) {
        if (content instanceof LastHttpContent) requestComplete = true;
        if (done || requestSent) {
            content.release();
        } else if (upstream == null) {
            pending.add(content);
        } else {
            writeUpstream(content);
            if (upstream != null && !upstream.isWritable()) upstream.flush();
        }
    }

    private void writeUpstream(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        upstream.write(content).addListener(writeListener);
        if (last && !done) {
            requestSent = true;
            upstream.flush();
            startTimer();
        }
    }

    /** True while the client's body should keep flowing: connected and the upstream buffer has room. */
    boolean acceptsBody() {
        return !done && upstream != null && upstream.isWritable();
    }

    void flushUpstream() {
        if (!done && upstream != null) upstream.flush();
    }

    void flushClient() {
        client.flush();
    }

    void onResponseHead(HttpResponse response) {
        if (done) return;
        cancelTimer();
        if (response.status().code() == 101) {
            upstreamInvalid(new IllegalStateException("it switched protocols, which the router does not forward yet"));
            return;
        }
        if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            interim = true;
            ForwardingHeaders.prepareInterim(response);
            client.write(response);
            return;
        }
        responseStarted = true;
        context.ejections().succeeded(address());
        status = response.status().code();
        upstreamReusable = ForwardingHeaders.upstreamReusable(response, headRequest);
        closeClientAfter = ForwardingHeaders.prepareResponse(response, clientVersion, clientKeepAlive, headRequest);
        client.write(response);
    }

    void onResponseContent(HttpContent content) {
        if (done) {
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        if (interim) {
            client.write(content);
            if (last) {
                interim = false;
                client.flush();
                if (requestSent) startTimer(); // still waiting for the final response
            }
            return;
        }
        if (!responseStarted) {
            content.release();
            return;
        }
        client.write(content);
        if (last) {
            finish();
        } else if (!client.channel().isWritable()) {
            client.flush();
            // checked again after the flush: it may have drained the buffer, and then no
            // writability event would come to resume reading
            if (!client.channel().isWritable()) upstream.config().setAutoRead(false);
        }
    }

    void clientWritabilityChanged(boolean writable) {
        if (writable && !done && upstream != null) upstream.config().setAutoRead(true);
    }

    void upstreamWritabilityChanged() {
        if (upstream != null && upstream.isWritable()) frontend.updateReading();
    }

    private void finish() {
        done = true;
        cancelTimer();
        releasePending();
        Channel ch = upstream;
        upstream = null;
        UpstreamHandler.detach(ch, this);
        ch.config().setAutoRead(true);
        if (upstreamReusable && requestSent) pool.release(pick.endpoint(), ch);
        else ch.close();
        context.metrics().request(route.name(), pick.backend().name(), status, System.nanoTime() - startNanos);
        client.flush();
        frontend.exchangeFinished(this, closeClientAfter);
    }

    void upstreamClosed() {
        upstream = null;
        if (done) return;
        if (responseStarted || interim) {
            broken("closed-mid-response");
        } else {
            // not an ejection: a pooled connection the server closed while idle looks the same
            fail(Failure.CLOSED, "route " + route.name() + ": upstream " + address() + " closed the connection before answering",
                    false);
        }
    }

    void upstreamFailed(Throwable cause) {
        if (done) return;
        if (responseStarted || interim) {
            broken("closed-mid-response");
        } else {
            fail(Failure.CLOSED, "route " + route.name() + ": upstream " + address() + " failed before answering: "
                    + describe(cause), true);
        }
    }

    void upstreamInvalid(Throwable cause) {
        if (done) return;
        if (responseStarted || interim) {
            broken("invalid-response");
        } else {
            fail(Failure.INVALID_RESPONSE, "route " + route.name() + ": upstream " + address()
                    + " sent an invalid HTTP response: " + describe(cause), false);
        }
    }

    /** The client went away: stop everything; the upstream connection is in an unknown state. */
    void abort() {
        if (done) return;
        done = true;
        cancelTimer();
        releasePending();
        closeUpstream();
    }

    private void connectFailed(Throwable cause) {
        String where = "route " + route.name() + ": upstream " + address();
        if (cause instanceof ConnectTimeoutException) {
            fail(Failure.CONNECT_TIMEOUT, where + " did not accept the connection within "
                    + Math.min(timeoutMillis, CONNECT_TIMEOUT_CAP_MILLIS) + "ms", true);
        } else if (cause instanceof ConnectException) {
            fail(Failure.REFUSED, where + " refused the connection", true);
        } else {
            fail(Failure.CONNECT_FAILED, where + " could not be reached: " + describe(cause), true);
        }
    }

    private void startTimer() {
        if (done || responseStarted || responseTimer != null) return;
        responseTimer = client.executor().schedule(this::timedOut, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void timedOut() {
        responseTimer = null;
        if (done || responseStarted || interim) return;
        fail(Failure.TIMEOUT, "route " + route.name() + ": upstream " + address() + " did not answer within "
                + timeoutMillis + "ms", true);
    }

    private void cancelTimer() {
        if (responseTimer != null) {
            responseTimer.cancel(false);
            responseTimer = null;
        }
    }

    /**
     * Nothing reached the client yet: eject the endpoint if {@code eject}, then retry elsewhere when
     * allowed, else answer with a router error.
     */
    private void fail(Failure failure, String message, boolean eject) {
        cancelTimer();
        closeUpstream();
        context.metrics().upstreamError(route.name(), failure.code());
        if (eject && context.ejections().eject(address(), System.nanoTime())) context.metrics().ejection(route.name());
        if (retry()) return;
        done = true;
        releasePending();
        frontend.exchangeFailed(this, failure, message);
    }

    /** Sends the request again, once, to another endpoint that is not ejected; false when it may not or cannot. */
    private boolean retry() {
        if (retried || !retryable || responseStarted || interim) return false;
        String failed = address();
        long now = System.nanoTime();
        BackendPicker.Pick next = picker.pick(ThreadLocalRandom.current(),
                e -> !e.address().equals(failed) && !context.ejections().isEjected(e.address(), now));
        if (next == null) return false;
        retried = true;
        pick = next;
        requestSent = false;
        context.metrics().retry(route.name());
        if (hostIsEndpoint) request.headers().set(HttpHeaderNames.HOST, next.endpoint().address());
        // the request has no body: whatever end-of-request was queued or sent, an empty one will do
        releasePending();
        if (requestComplete) pending.add(LastHttpContent.EMPTY_LAST_CONTENT);
        start();
        return true;
    }

    /** The response head already went out, so no status can be sent: the client connection must close. */
    private void broken(String reason) {
        done = true;
        cancelTimer();
        releasePending();
        closeUpstream();
        context.metrics().upstreamError(route.name(), reason);
        context.metrics().request(route.name(), pick.backend().name(), status, System.nanoTime() - startNanos);
        frontend.exchangeBroken(this);
    }

    private void closeUpstream() {
        Channel ch = upstream;
        upstream = null;
        if (ch != null) {
            UpstreamHandler.detach(ch, this);
            ch.close();
        }
    }

    private void releasePending() {
        HttpContent c;
        while ((c = pending.poll()) != null) c.release();
    }

    private String address() {
        return pick.endpoint().address();
    }

    long startNanos() {
        return startNanos;
    }

    String routeName() {
        return route.name();
    }

    String backendName() {
        return pick.backend().name();
    }

    boolean clientKeepAlive() {
        return clientKeepAlive;
    }

    HttpVersion clientVersion() {
        return clientVersion;
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
