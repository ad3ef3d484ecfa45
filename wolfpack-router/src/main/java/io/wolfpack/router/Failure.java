package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;

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

    /** The body size of {@link #response} with {@code message}. */
    int bodyBytes(String message) {
        return message.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /**
     * A short text/plain answer, encoded; {@code keepAlive} false adds Connection: close. The answer
     * to a HEAD request has the headers only (its Content-Length still says how long the body would be).
     */
    ByteBuf response(String message, boolean keepAlive, boolean http10Client, boolean headRequest) {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(160)
                .append("HTTP/1.1 ").append(status).append(' ').append(HttpResponseStatus.valueOf(status).reasonPhrase())
                .append("\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: ").append(body.length)
                .append("\r\n").append(HEADER).append(": ").append(code).append("\r\n");
        if (!keepAlive) {
            head.append("connection: close\r\n");
        } else if (http10Client) {
            head.append("connection: keep-alive\r\n");
        }
        head.append("\r\n");
        ByteBuf out = Unpooled.buffer(head.length() + body.length);
        out.writeCharSequence(head, StandardCharsets.ISO_8859_1);
        return headRequest ? out : out.writeBytes(body);
    }
}
