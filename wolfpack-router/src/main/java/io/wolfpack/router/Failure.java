package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/**
 * Every answer the router makes itself instead of a backend. {@code code} goes out in the
 * {@value #HEADER} header, so a client can tell a router error from a backend one, and is the
 * {@code reason} tag of the upstream error counter.
 */
enum Failure {
    NO_TABLE(503, "no-table"),
    NO_ROUTE(404, "no-route"),
    NO_ENDPOINT(503, "no-endpoint"),
    REFUSED(502, "refused"),
    CONNECT_FAILED(502, "connect-failed"),
    CONNECT_TIMEOUT(504, "connect-timeout"),
    TIMEOUT(504, "timeout"),
    CLOSED(502, "closed"),
    INVALID_RESPONSE(502, "invalid-response"),
    BAD_REQUEST(400, "bad-request"),
    URI_TOO_LONG(414, "uri-too-long"),
    HEADERS_TOO_LARGE(431, "headers-too-large"),
    METHOD_NOT_SUPPORTED(405, "method-not-supported");

    static final String HEADER = "X-Wolfpack-Router";

    private final int status;
    private final String code;

    Failure(int status, String code) {
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    /** A short text/plain answer; {@code keepAlive} false adds Connection: close. */
    FullHttpResponse response(String message, boolean keepAlive, boolean http10Client) {
        ByteBuf body = Unpooled.copiedBuffer(message + "\n", StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status), body);
        r.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(HEADER, code);
        if (!keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        } else if (http10Client) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        }
        return r;
    }
}
