package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.wolfpack.core.route.Endpoint;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Heads parsed from raw bytes, rewritten, and read back as the next hop would see them. */
class ForwardingHeadersTest {
    private static final Endpoint EP = new Endpoint("127.0.0.1", 9000, "web-1");
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;
    private RequestHead request(String head) throws HttpParseException {
        return (RequestHead) new RequestDecoder(8192, 16384).readHead(bytes(head));
    }

    private ResponseHead response(String head) throws HttpParseException {
        return (ResponseHead) new ResponseDecoder(16384).readHead(bytes(head));
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** The written head: start line, then every header (lower-cased name → values in order). */
    private record Written(String startLine, Map<String, List<String>> headers, String raw) {
        static Written of(ByteBuf out) {
            String raw = out.toString(StandardCharsets.ISO_8859_1);
            out.release();
            assertThat(raw).endsWith("\r\n\r\n");
            String[] lines = raw.substring(0, raw.length() - 4).split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            return new Written(lines[0], headers, raw);
        }

        String get(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null ? null : String.join(", ", v);
        }

        boolean has(String name) {
            return headers.containsKey(name.toLowerCase(Locale.ROOT));
        }
    }

    private Written forward(RequestHead r, String clientIp, String upgrade) {
        return Written.of(ForwardingHeaders.request(ALLOC, r, RequestTarget.parse(r.uri(), r.first(HeaderName.HOST)),
                clientIp, EP, upgrade));
    }

    @Test
    void everyHeaderConnectionNamesGoesWhateverTheListLooksLike() throws Exception {
        RequestHead r = request("GET / HTTP/1.1\r\nHost: a\r\nConnection: X-A ,x-b,,  KEEP-ALIVE,\r\nConnection: X-C\r\n"
                + "X-A: 1\r\nX-B: 2\r\nX-C: 3\r\nContent-Length: 0\r\nX-Kept: 4\r\n\r\n");
        Written w = forward(r, null, null);
        assertThat(w.headers().keySet()).containsExactlyInAnyOrder("host", "content-length", "x-kept", "x-forwarded-proto",
                "x-forwarded-host");
    }

    @Test
    void xForwardedForStartsWithTheClientWhenThereIsNone() throws Exception {
        Written w = forward(request("GET / HTTP/1.1\r\nHost: web.local\r\n\r\n"), "192.168.1.9", null);
        assertThat(w.headers().get("x-forwarded-for")).containsExactly("192.168.1.9");
        assertThat(w.startLine()).isEqualTo("GET / HTTP/1.1");
    }

    @Test
    void requestLosesHopByHopHeadersAndGainsForwardedOnes() throws Exception {
        RequestHead r = request("GET http://web.local/a?b=1 HTTP/1.1\r\nHost: ignored.local\r\n"
                + "Connection: keep-alive, X-Secret, Transfer-Encoding\r\nX-Secret: s\r\nKeep-Alive: timeout=5\r\n"
                + "Upgrade: websocket\r\nProxy-Authorization: Basic x\r\nTE: trailers\r\nTrailer: X-T\r\n"
                + "X-Forwarded-For: 10.0.0.1\r\nX-Forwarded-Proto: https\r\nTransfer-Encoding: chunked\r\nX-App: kept\r\n\r\n");
        Written w = forward(r, "192.168.1.9", null);

        assertThat(w.startLine()).isEqualTo("GET /a?b=1 HTTP/1.1");
        assertThat(w.headers().keySet()).doesNotContain("connection", "x-secret", "keep-alive", "upgrade",
                "proxy-authorization", "te", "trailer");
        assertThat(w.get("X-Forwarded-For")).isEqualTo("10.0.0.1, 192.168.1.9");
        assertThat(w.get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(w.get("X-Forwarded-Host")).isEqualTo("web.local");
        assertThat(w.get("Host")).isEqualTo("web.local");
        assertThat(w.get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(w.get("X-App")).isEqualTo("kept");
    }

    @Test
    void severalXForwardedForHeadersAreJoinedInOrder() throws Exception {
        RequestHead r = request("GET / HTTP/1.1\r\nHost: a\r\nX-Forwarded-For: 1.1.1.1\r\nX-Forwarded-For: 2.2.2.2, 3.3.3.3\r\n\r\n");
        assertThat(forward(r, "9.9.9.9", null).get("X-Forwarded-For")).isEqualTo("1.1.1.1, 2.2.2.2, 3.3.3.3, 9.9.9.9");
    }

    @Test
    void contentLengthBesideTransferEncodingIsNotForwarded() throws Exception {
        RequestHead r = request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n");
        Written w = forward(r, "9.9.9.9", null);
        assertThat(w.has("Content-Length")).isFalse();
        assertThat(w.get("Transfer-Encoding")).isEqualTo("chunked");
    }

    @Test
    void requestWithoutHostGetsTheEndpointAddress() throws Exception {
        Written w = forward(request("GET / HTTP/1.0\r\n\r\n"), null, null);
        assertThat(w.get("Host")).isEqualTo("127.0.0.1:9000");
        assertThat(w.has("X-Forwarded-Host")).isFalse();
        assertThat(w.has("X-Forwarded-For")).isFalse();
        assertThat(w.startLine()).isEqualTo("GET / HTTP/1.1");
    }

    @Test
    void bodyOfUnknownLengthIsChunkedForHttp11Clients() throws Exception {
        ResponseHead r = response("HTTP/1.0 200 OK\r\nServer: x\r\n\r\n");
        assertThat(ForwardingHeaders.upstreamReusable(r, false)).isFalse();
        ForwardingHeaders.ResponseFraming f = ForwardingHeaders.framing(r, false, true, false);
        assertThat(f.close()).isFalse();
        assertThat(f.chunkBody()).isTrue();
        Written w = Written.of(ForwardingHeaders.response(ALLOC, r, f, false, 0));
        assertThat(w.get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(w.startLine()).isEqualTo("HTTP/1.1 200 OK");
    }

    @Test
    void bodyOfUnknownLengthClosesAnHttp10Client() throws Exception {
        ResponseHead r = response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        ForwardingHeaders.ResponseFraming f = ForwardingHeaders.framing(r, true, true, false);
        assertThat(f.close()).isTrue();
        assertThat(f.chunkBody()).isFalse();
        Written w = Written.of(ForwardingHeaders.response(ALLOC, r, f, true, 0));
        assertThat(w.has("Transfer-Encoding")).isFalse();
        assertThat(w.get("Connection")).isEqualTo("close");
    }

    @Test
    void aKeptAliveHttp10ClientIsToldSo() throws Exception {
        ResponseHead r = response("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n");
        ForwardingHeaders.ResponseFraming f = ForwardingHeaders.framing(r, true, true, false);
        assertThat(f.close()).isFalse();
        Written w = Written.of(ForwardingHeaders.response(ALLOC, r, f, true, 0));
        assertThat(w.get("Connection")).isEqualTo("keep-alive");
        assertThat(w.get("Content-Length")).isEqualTo("2");
    }

    @Test
    void upstreamConnectionCloseIsNotPassedOnButStopsReuse() throws Exception {
        ResponseHead r = response("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 3\r\n\r\n");
        assertThat(ForwardingHeaders.upstreamReusable(r, false)).isFalse();
        ForwardingHeaders.ResponseFraming f = ForwardingHeaders.framing(r, false, true, false);
        assertThat(f.close()).isFalse();
        Written w = Written.of(ForwardingHeaders.response(ALLOC, r, f, false, 0));
        assertThat(w.has("Connection")).isFalse();
        assertThat(w.raw()).isEqualTo("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n");
    }

    @Test
    void aResponseWithNothingToChangeIsPassedOnByteForByte() throws Exception {
        String head = "HTTP/1.1 404 Not Found\r\nServer: nginx\r\nContent-Type: text/plain\r\nContent-Length: 3\r\n\r\n";
        ResponseHead r = response(head);
        assertThat(ForwardingHeaders.upstreamReusable(r, false)).isTrue();
        ForwardingHeaders.ResponseFraming f = ForwardingHeaders.framing(r, false, true, false);
        assertThat(Written.of(ForwardingHeaders.response(ALLOC, r, f, false, 0)).raw()).isEqualTo(head);
    }

    @Test
    void emptyResponsesAreReusableWithoutLength() throws Exception {
        assertThat(ForwardingHeaders.upstreamReusable(response("HTTP/1.1 204 No Content\r\n\r\n"), false)).isTrue();
        assertThat(ForwardingHeaders.upstreamReusable(response("HTTP/1.1 200 OK\r\n\r\n"), true)).isTrue();
    }

    private RequestHead handshake(String version, String method, String connection, String upgrade, String extra)
            throws HttpParseException {
        return request(method + " /ws " + version + "\r\nHost: chat.local\r\nConnection: " + connection + "\r\nUpgrade: "
                + upgrade + "\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n" + extra + "\r\n");
    }

    @Test
    void webSocketHandshakesAreRecognised() throws Exception {
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake("HTTP/1.1", "GET", "Upgrade", "websocket", ""))).isEqualTo("websocket");
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake("HTTP/1.1", "GET", "keep-alive, upgrade", "WebSocket", "")))
                .isEqualTo("WebSocket");
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake("HTTP/1.1", "GET", "keep-alive", "websocket", ""))).isNull();
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake("HTTP/1.1", "GET", "Upgrade", "h2c", ""))).isNull();
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake("HTTP/1.1", "POST", "Upgrade", "websocket", ""))).isNull();
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake("HTTP/1.0", "GET", "Upgrade", "websocket", ""))).isNull();
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake("HTTP/1.1", "GET", "Upgrade", "websocket", "Content-Length: 4\r\n")))
                .isNull();
    }

    @Test
    void aWebSocketHandshakeKeepsItsUpgradeHeadersButLosesOtherHopByHopOnes() throws Exception {
        RequestHead r = handshake("HTTP/1.1", "GET", "keep-alive, Upgrade, X-Secret", "websocket",
                "X-Secret: s\r\nKeep-Alive: timeout=5\r\n");
        String upgrade = ForwardingHeaders.webSocketUpgrade(r);
        Written w = forward(r, "192.168.1.9", upgrade);
        assertThat(w.get("Connection")).isEqualTo("upgrade");
        assertThat(w.get("Upgrade")).isEqualTo("websocket");
        assertThat(w.get("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(w.headers().keySet()).doesNotContain("x-secret", "keep-alive");
        assertThat(w.get("X-Forwarded-For")).isEqualTo("192.168.1.9");
    }

    @Test
    void aSwitchingResponseKeepsConnectionUpgrade() throws Exception {
        ResponseHead r = response("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade, X-Secret\r\nUpgrade: websocket\r\n"
                + "X-Secret: s\r\nSec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n");
        Written w = Written.of(ForwardingHeaders.switching(ALLOC, r));
        assertThat(w.get("Connection")).isEqualTo("upgrade");
        assertThat(w.get("Upgrade")).isEqualTo("websocket");
        assertThat(w.get("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(w.has("X-Secret")).isFalse();
    }
}
