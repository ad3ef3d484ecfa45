package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;

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
 * A WebSocket handshake goes over a fresh connection; when the upstream answers 101, both
 * connections are handed to a {@link Tunnel}, and any other answer is relayed as usual.
 */
final class Exchange {
    /**
     * Backends sit on the same network, where a connection is accepted in well under a
     * millisecond: one not accepted within half a second will not be (a cut-off or dead host), and
     * the request is better retried on another host at once. It is also how long new requests may
     * still go to a host that just went silent, before its connect timeout ejects it.
     */
    static final int CONNECT_TIMEOUT_CAP_MILLIS = 500;
    /**
     * A Content-Length body up to this size gets room in the buffer of the response head, so that
     * a small response goes to the client as one buffer (one plain send) rather than the head and
     * a slice of the read buffer (a gathering write).
     */
    static final int BODY_ROOM_BYTES = 1024;

    private final FrontendHandler frontend;
    private final ChannelHandlerContext client;
    private final ProxyContext context;
    private final Route route;
    private final BackendPicker picker;
    private final boolean retryable;
    private final String upgrade; // the Upgrade header of a WebSocket handshake, else null
    private final RequestHead request; // written anew for each attempt
    private final RequestTarget target;
    private final String clientIp;
    private final boolean chunkedRequest; // the body goes upstream chunked
    private final boolean clientHttp10;
    private final boolean clientKeepAlive;
    private final boolean headRequest;
    private final RequestInfo info;
    private final long timeoutMillis;
    private ArrayDeque<Object> pending; // body bytes (and its end) that came before the connection; made when needed

    private BackendPicker.Pick pick;
    private boolean retried;

    private UpstreamPool pool;
    private Channel upstream;
    private final Runnable timeout = this::timedOut;
    private boolean timerArmed; // on the connection's ResponseDeadline
    private boolean requestComplete;  // the client sent its last body chunk
    private boolean requestSent;      // ...and it was written upstream
    private boolean interim;          // forwarding a 1xx response
    private boolean responseStarted;  // the final response head came (and goes on to the client: heldHead)
    private ByteBuf heldHead;          // the final response head, not written yet: body bytes that arrive with it join it
    private boolean upstreamReusable;
    private boolean chunkResponse;    // the response body goes to the client chunked
    private boolean closeClientAfter;
    private boolean done;
    private int status;
    private long bytesSent; // response body bytes written to the client

    Exchange(FrontendHandler frontend, ChannelHandlerContext client, ProxyContext context, Route route,
             BackendPicker picker, BackendPicker.Pick pick, RequestTarget target, String clientIp, RequestHead request,
             String upgrade, boolean clientKeepAlive, RequestInfo info) {
        this.frontend = frontend;
        this.client = client;
        this.context = context;
        this.route = route;
        this.picker = picker;
        this.pick = pick;
        this.target = target;
        this.clientIp = clientIp;
        this.request = request;
        this.upgrade = upgrade;
        this.chunkedRequest = request.framing().chunked();
        this.clientHttp10 = request.http10();
        this.clientKeepAlive = clientKeepAlive;
        this.headRequest = "HEAD".equals(request.method());
        // only safe methods, and only without a body: nothing has to be kept to send it again
        this.retryable = (headRequest || "GET".equals(request.method())) && !request.hasBody();
        this.info = info;
        this.timeoutMillis = route.timeoutMillis() > 0 ? route.timeoutMillis() : context.config().defaultTimeoutMillis();
    }

    /**
     * Sends the request on a pooled connection, or connects first. {@code flush} false when called
     * while the client connection is being read: the frontend flushes when the read is done (and
     * a request without a body is flushed when its end arrives), so one flush covers the batch.
     */
    void start(boolean flush) {
        pool = frontend.upstreamPool();
        int connectTimeout = (int) Math.min(timeoutMillis, CONNECT_TIMEOUT_CAP_MILLIS);
        // a WebSocket connection never returns to the pool, so it never comes from it either
        Channel pooled = upgrade != null ? null : pool.pollIdle(pick.endpoint());
        if (pooled != null) {
            sendOn(pooled, flush);
        } else {
            pool.connect(pick.endpoint(), connectTimeout).addListener(this::connected);
        }
    }

    private void connected(Future<? super Channel> f) {
        if (f.isSuccess()) {
            sendOn((Channel) f.getNow(), true);
        } else if (!done) {
            fail(AttemptFailure.connectFailed(route.name(), address(), f.cause(),
                    Math.min(timeoutMillis, CONNECT_TIMEOUT_CAP_MILLIS)));
        }
    }

    /** Sends the request on {@code ch}, a pooled or newly connected upstream connection. */
    private void sendOn(Channel ch, boolean flush) {
        if (done) { // the client left while we connected; the fresh connection is still good
            if (upgrade != null) ch.close();
            else pool.release(pick.endpoint(), ch);
            return;
        }
        if (!UpstreamHandler.attach(ch, this)) {
            ch.close();
            fail(AttemptFailure.closedBeforeAnswer(route.name(), address()));
            return;
        }
        upstream = ch;
        // a failed write reaches UpstreamHandler.exceptionCaught, which fails this exchange: no listener needed
        ch.write(ForwardingHeaders.request(ch.alloc(), request, target, clientIp, pick.endpoint(), upgrade), ch.voidPromise());
        Object c;
        while (!done && pending != null && (c = pending.poll()) != null) writeUpstream(c);
        if (flush && !done && !requestSent) ch.flush();
        frontend.updateReading();
    }

    /** Request body bytes (a ByteBuf) or its {@link BodyEnd} from the client; this exchange now owns it. */
    void requestContent(Object part) {
        if (part == BodyEnd.INSTANCE) requestComplete = true;
        if (done || requestSent) {
            ReferenceCountUtil.release(part);
        } else if (upstream == null) {
            if (pending == null) pending = new ArrayDeque<>(4);
            pending.add(part);
        } else {
            writeUpstream(part);
            if (upstream != null && !upstream.isWritable()) upstream.flush();
        }
    }

    private void writeUpstream(Object part) {
        Channel ch = upstream;
        if (part instanceof ByteBuf data) {
            if (!data.isReadable()) data.release();
            else if (chunkedRequest) Chunks.write(ch, ch.alloc(), data);
            else ch.write(data, ch.voidPromise());
            return;
        }
        if (chunkedRequest) Chunks.writeLast(ch);
        if (!done) {
            requestSent = true;
            ch.flush();
            startTimer();
        }
    }

    /** True while the client's body should keep flowing: connected and the upstream buffer has room. */
    boolean acceptsBody() {
        return !done && upstream != null && upstream.isWritable();
    }

    /** Flushes request body chunks written since the last flush; the last chunk was flushed when written. */
    void flushUpstream() {
        if (!done && upstream != null && !requestSent) upstream.flush();
    }

    /** The end of a read from the upstream: what was written to the client goes out. */
    void flushClient() {
        writeHeldHead();
        client.flush();
    }

    /** Whether this request is a HEAD: its response has no body, whatever its headers say. */
    boolean headRequest() {
        return headRequest;
    }

    void onResponseHead(ResponseHead response) {
        if (done) return;
        cancelTimer();
        int code = response.status();
        if (code == 101) {
            if (upgrade != null) switchProtocols(response);
            else upstreamInvalid(new IllegalStateException("it switched protocols though the request asked for no upgrade"));
            return;
        }
        if (code < 200) {
            interim = true;
            client.write(ForwardingHeaders.interim(client.alloc(), response), client.voidPromise());
            return;
        }
        // writes to the client carry no listener: a failure reaches FrontendHandler.exceptionCaught, which closes
        responseStarted = true;
        context.ejections().succeeded(pick.endpoint());
        context.ejections().hostAnswered(pick.endpoint().host());
        status = code;
        upstreamReusable = ForwardingHeaders.upstreamReusable(response, headRequest);
        ForwardingHeaders.ResponseFraming framing = ForwardingHeaders.framing(response, clientHttp10, clientKeepAlive, headRequest);
        closeClientAfter = framing.close();
        chunkResponse = framing.chunkBody();
        MessageHead.Framing f = response.framing();
        boolean smallBody = !chunkResponse && !headRequest && !response.alwaysEmpty() && f.sized() && !f.transferEncoding()
                && f.contentLength() <= BODY_ROOM_BYTES;
        // held until body bytes come, the read ends or the response does: flushClient, onResponseContent, finish
        heldHead = ForwardingHeaders.response(client.alloc(), response, framing, clientHttp10,
                smallBody ? (int) f.contentLength() : 0);
    }

    /** Writes the response head if it is still held. */
    private void writeHeldHead() {
        ByteBuf head = heldHead;
        if (head != null) {
            heldHead = null;
            client.write(head, client.voidPromise());
        }
    }

    private void releaseHeldHead() {
        ByteBuf head = heldHead;
        heldHead = null;
        if (head != null) head.release();
    }

    /** Response body bytes (a ByteBuf) or its {@link BodyEnd}; this exchange now owns it. */
    void onResponseContent(Object part) {
        boolean last = part == BodyEnd.INSTANCE;
        if (done || interim || !responseStarted) {
            ReferenceCountUtil.release(part); // a 1xx has no body
            if (!done && interim && last) {
                interim = false;
                client.flush();
                if (requestSent) startTimer(); // still waiting for the final response
            }
            return;
        }
        if (last) {
            writeHeldHead();
            if (chunkResponse) Chunks.writeLast(client);
            finish();
            return;
        }
        ByteBuf data = (ByteBuf) part;
        int n = data.readableBytes();
        bytesSent += n;
        if (n == 0) {
            data.release();
        } else if (heldHead != null && !chunkResponse && heldHead.writableBytes() >= n) {
            // copied into room the head's buffer has anyway; driven by the source, as the other way
            // round (heldHead.writeBytes(data)) Netty makes a ByteBuffer view per copy
            int at = heldHead.writerIndex();
            data.getBytes(data.readerIndex(), heldHead, at, n);
            heldHead.writerIndex(at + n);
            data.release();
        } else {
            writeHeldHead();
            if (chunkResponse) Chunks.write(client, client.alloc(), data);
            else client.write(data, client.voidPromise());
        }
        if (!done && !client.channel().isWritable()) {
            client.flush();
            // checked again after the flush: it may have drained the buffer, and then no
            // writability event would come to resume reading
            if (!client.channel().isWritable() && upstream != null) upstream.config().setAutoRead(false);
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
        if (upstreamReusable && requestSent && upgrade == null) pool.release(pick.endpoint(), ch);
        else ch.close();
        context.traffic().upstreamAnswered(route.name(), backendName(), status);
        context.answered(info, route.name(), backendName(), pick.endpoint(), status, bytesSent, retried);
        client.flush();
        frontend.exchangeFinished(this, closeClientAfter);
    }

    /**
     * The upstream accepted the WebSocket handshake. From here on the route timeout no longer
     * applies and both connections carry raw bytes; the request is counted now, and logged when
     * the tunnel closes.
     */
    private void switchProtocols(ResponseHead response) {
        if (!frontend.readyToTunnel()) {
            // the client sent more after its handshake without waiting for the 101; whatever it
            // was, it has been read as HTTP already and cannot go into the tunnel any more
            done = true;
            releasePending();
            closeUpstream();
            frontend.upgradeRefused(this);
            return;
        }
        done = true;
        responseStarted = true;
        status = 101;
        releasePending();
        Channel ch = upstream;
        upstream = null;
        UpstreamHandler.detach(ch, this);
        context.ejections().succeeded(pick.endpoint());
        context.ejections().hostAnswered(pick.endpoint().host());
        context.metrics().request(route.name(), backendName(), 101, System.nanoTime() - info.startNanos());
        context.traffic().upstreamAnswered(route.name(), backendName(), 101);
        ByteBuf switching = ForwardingHeaders.switching(client.alloc(), response);
        frontend.exchangeUpgraded(this);
        // pick and retried no longer change: the exchange is done
        Tunnel.open(client.channel(), ch, switching, bytesToClient -> context.logAccess(info, route.name(), backendName(),
                pick.endpoint(), 101, bytesToClient, retried, System.nanoTime() - info.startNanos()));
    }

    void upstreamClosed() {
        upstream = null;
        if (done) return;
        if (responseStarted || interim) {
            broken("closed-mid-response");
        } else {
            fail(AttemptFailure.closedBeforeAnswer(route.name(), address()));
        }
    }

    void upstreamFailed(Throwable cause) {
        if (done) return;
        if (responseStarted || interim) {
            broken("closed-mid-response");
        } else {
            fail(AttemptFailure.failedBeforeAnswer(route.name(), address(), cause));
        }
    }

    void upstreamInvalid(Throwable cause) {
        if (done) return;
        if (responseStarted || interim) {
            broken("invalid-response");
        } else {
            fail(AttemptFailure.invalidResponse(route.name(), address(), cause));
        }
    }

    /** The client went away: stop everything; the upstream connection is in an unknown state. */
    void abort() {
        if (done) return;
        done = true;
        releaseHeldHead();
        cancelTimer();
        releasePending();
        closeUpstream();
    }

    private void startTimer() {
        if (done || responseStarted || timerArmed) return;
        timerArmed = true;
        frontend.responseDeadline().arm(TimeUnit.MILLISECONDS.toNanos(timeoutMillis), timeout);
    }

    private void timedOut() {
        timerArmed = false;
        if (done || responseStarted || interim) return;
        fail(AttemptFailure.timedOut(route.name(), address(), timeoutMillis));
    }

    private void cancelTimer() {
        if (timerArmed) {
            timerArmed = false;
            frontend.responseDeadline().disarm();
        }
    }

    /**
     * Nothing reached the client yet: eject the endpoint if the failure calls for it, then retry
     * elsewhere when allowed, else answer with a router error.
     */
    private void fail(AttemptFailure failure) {
        cancelTimer();
        closeUpstream();
        context.metrics().upstreamError(route.name(), backendName(), failure.failure().code());
        // charged to the backend of this endpoint, before a retry picks another
        if (failure.connectFailure()) context.traffic().connectFailure(route.name(), backendName());
        long now = System.nanoTime();
        if (failure.eject() && context.ejections().eject(address(), now)) {
            context.metrics().ejection(route.name(), backendName());
        }
        if (failure.failure() == Failure.CONNECT_TIMEOUT) context.ejections().ejectHost(pick.endpoint().host(), now);
        if (retry()) return;
        done = true;
        releasePending();
        frontend.exchangeFailed(this, failure.failure(), failure.message());
    }

    /** Sends the request again, once, to another endpoint that is not ejected; false when it may not or cannot. */
    private boolean retry() {
        if (retried || !retryable || responseStarted || interim) return false;
        String failed = address();
        String failedHost = pick.endpoint().host();
        long now = System.nanoTime();
        // Another host first: whatever failed may be the whole host (a second endpoint on it would fail alike).
        BackendPicker.Pick next = picker.pick(ThreadLocalRandom.current(),
                e -> !e.host().equals(failedHost) && !context.ejections().isEjected(e, now));
        if (next == null) {
            next = picker.pick(ThreadLocalRandom.current(), e -> !e.address().equals(failed) && !context.ejections().isEjected(e, now));
        }
        if (next == null) return false;
        retried = true;
        context.metrics().retry(route.name(), backendName()); // counted against the backend that failed
        pick = next;
        requestSent = false;
        // the head is written anew for the endpoint (its Host when the client sent none); the
        // request has no body: whatever end-of-request was queued or sent, a new end will do
        releasePending();
        if (requestComplete) {
            if (pending == null) pending = new ArrayDeque<>(4);
            pending.add(BodyEnd.INSTANCE);
        }
        start(true);
        return true;
    }

    /** The response head already went out, so no status can be sent: the client connection must close. */
    private void broken(String reason) {
        done = true;
        releaseHeldHead(); // the client connection closes: nothing more goes to it
        cancelTimer();
        releasePending();
        closeUpstream();
        context.metrics().upstreamError(route.name(), backendName(), reason);
        context.traffic().upstreamAnswered(route.name(), backendName(), status); // the head went out: it answered
        context.answered(info, route.name(), backendName(), pick.endpoint(), status, bytesSent, retried);
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
        Object c;
        while (pending != null && (c = pending.poll()) != null) ReferenceCountUtil.release(c);
    }

    /** host:port of the endpoint tried last. */
    String address() {
        return pick.endpoint().address();
    }

    /** The endpoint tried last. */
    Endpoint endpoint() {
        return pick.endpoint();
    }

    RequestInfo info() {
        return info;
    }

    boolean retried() {
        return retried;
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

    boolean clientHttp10() {
        return clientHttp10;
    }
}
