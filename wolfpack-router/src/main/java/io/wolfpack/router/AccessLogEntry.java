package io.wolfpack.router;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One access log line, as raw values: the event loop only fills this in, and the writer thread
 * formats it, so formatting never costs request latency. Null fields are written as "-".
 *
 * @param epochMillis   wall-clock time the response ended
 * @param client        the client connection's remote address
 * @param method        request method as sent
 * @param uri           request target as sent (before the router rewrote it to origin form)
 * @param status        status sent to the client (101 for a WebSocket)
 * @param bytes         response body bytes sent to the client (a WebSocket: all bytes relayed to it)
 * @param durationNanos request head to end of response (a WebSocket: to the close of its connection)
 * @param route         matched route name
 * @param backend       backend of the endpoint that answered (or failed last)
 * @param upstream      that endpoint's host:port
 * @param retried       whether the request was sent to a second endpoint
 */
record AccessLogEntry(long epochMillis, SocketAddress client, String method, String uri, int status, long bytes,
                      long durationNanos, String route, String backend, String upstream, boolean retried) {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * {@code TIME CLIENT METHOD "URI" STATUS BYTES MILLIS ROUTE BACKEND UPSTREAM RETRIED}, space-separated,
     * for example {@code 2025-03-01T10:15:30.123Z 10.0.0.7 GET "/api/users?id=1" 200 512 3.214 web legacy 10.0.0.5:9001 0}.
     * Only the URI is quoted; no field contains a space, a quote or a non-ASCII byte (those are
     * written as {@code \xHH}), so a line splits on spaces.
     */
    String format() {
        StringBuilder sb = new StringBuilder(160);
        TIME.formatTo(Instant.ofEpochMilli(epochMillis), sb);
        sb.append(' ');
        token(sb, clientIp());
        sb.append(' ');
        token(sb, method);
        sb.append(" \"");
        if (uri == null) sb.append('-');
        else escape(sb, uri);
        sb.append("\" ").append(status).append(' ').append(bytes).append(' ');
        millis(sb, durationNanos);
        sb.append(' ');
        token(sb, route);
        sb.append(' ');
        token(sb, backend);
        sb.append(' ');
        token(sb, upstream);
        sb.append(' ').append(retried ? '1' : '0');
        return sb.toString();
    }

    private String clientIp() {
        if (client instanceof InetSocketAddress inet) {
            return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        }
        return client == null ? null : client.toString();
    }

    private static void token(StringBuilder sb, String s) {
        if (s == null || s.isEmpty()) sb.append('-');
        else escape(sb, s);
    }

    /** Printable ASCII except the quote and backslash as is; everything else as \xHH (\\uHHHH above 0xff). */
    private static void escape(StringBuilder sb, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > ' ' && c < 0x7f && c != '"' && c != '\\') {
                sb.append(c);
            } else if (c <= 0xff) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xf, 16));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
    }

    /** Milliseconds with three decimals, so sub-millisecond requests still tell apart. */
    private static void millis(StringBuilder sb, long nanos) {
        long micros = Math.max(0, nanos) / 1000;
        long frac = micros % 1000;
        sb.append(micros / 1000).append('.');
        if (frac < 100) sb.append('0');
        if (frac < 10) sb.append('0');
        sb.append(frac);
    }
}
