package io.wolfpack.router;

import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.wolfpack.core.route.Endpoint;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardingHeadersTest {
    private static final Endpoint EP = new Endpoint("127.0.0.1", 9000, "web-1");

    @Test
    void everyHeaderConnectionNamesGoesWhateverTheListLooksLike() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        r.headers().add("Connection", "X-A ,x-b,,  KEEP-ALIVE,").add("Connection", "X-C")
                .set("X-A", "1").set("X-B", "2").set("X-C", "3").set("Content-Length", "0").set("X-Kept", "4");
        ForwardingHeaders.stripHopByHop(r.headers());

        assertThat(r.headers().names()).containsExactlyInAnyOrder("Content-Length", "X-Kept");
    }

    @Test
    void xForwardedForStartsWithTheClientWhenThereIsNone() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        r.headers().set("Host", "web.local");
        ForwardingHeaders.prepareRequest(r, RequestTarget.parse(r.uri(), "web.local"), "192.168.1.9", EP);

        assertThat(r.headers().getAll("X-Forwarded-For")).containsExactly("192.168.1.9");
    }

    @Test
    void requestLosesHopByHopHeadersAndGainsForwardedOnes() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "http://web.local/a?b=1");
        r.headers().set("Host", "ignored.local")
                .set("Connection", "keep-alive, X-Secret, Transfer-Encoding")
                .set("X-Secret", "s").set("Keep-Alive", "timeout=5").set("Upgrade", "websocket")
                .set("Proxy-Authorization", "Basic x").set("TE", "trailers").set("Trailer", "X-T")
                .set("X-Forwarded-For", "10.0.0.1").set("X-Forwarded-Proto", "https")
                .set("Transfer-Encoding", "chunked").set("X-App", "kept");
        ForwardingHeaders.prepareRequest(r, RequestTarget.parse(r.uri(), r.headers().get("Host")), "192.168.1.9", EP);

        assertThat(r.uri()).isEqualTo("/a?b=1");
        assertThat(r.headers().names()).doesNotContain("Connection", "X-Secret", "Keep-Alive", "Upgrade",
                "Proxy-Authorization", "TE", "Trailer");
        assertThat(r.headers().get("X-Forwarded-For")).isEqualTo("10.0.0.1, 192.168.1.9");
        assertThat(r.headers().get("X-Forwarded-Proto")).isEqualTo("http");
        assertThat(r.headers().get("X-Forwarded-Host")).isEqualTo("web.local");
        assertThat(r.headers().get("Host")).isEqualTo("web.local");
        assertThat(r.headers().get("Transfer-Encoding")).isEqualTo("chunked");
        assertThat(r.headers().get("X-App")).isEqualTo("kept");
    }

    @Test
    void requestWithoutHostGetsTheEndpointAddress() {
        HttpRequest r = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/");
        ForwardingHeaders.prepareRequest(r, RequestTarget.parse("/", null), null, EP);
        assertThat(r.headers().get("Host")).isEqualTo("127.0.0.1:9000");
        assertThat(r.headers().contains("X-Forwarded-Host")).isFalse();
        assertThat(r.headers().contains("X-Forwarded-For")).isFalse();
        assertThat(r.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void bodyOfUnknownLengthIsChunkedForHttp11Clients() {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_0, HttpResponseStatus.OK);
        assertThat(ForwardingHeaders.upstreamReusable(r, false)).isFalse();
        boolean close = ForwardingHeaders.prepareResponse(r, HttpVersion.HTTP_1_1, true, false);
        assertThat(close).isFalse();
        assertThat(r.headers().get(HttpHeaderNames.TRANSFER_ENCODING)).isEqualTo("chunked");
        assertThat(r.protocolVersion()).isEqualTo(HttpVersion.HTTP_1_1);
    }

    @Test
    void bodyOfUnknownLengthClosesAnHttp10Client() {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
        boolean close = ForwardingHeaders.prepareResponse(r, HttpVersion.HTTP_1_0, true, false);
        assertThat(close).isTrue();
        assertThat(r.headers().contains(HttpHeaderNames.TRANSFER_ENCODING)).isFalse();
        assertThat(r.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
    }

    @Test
    void upstreamConnectionCloseIsNotPassedOnButStopsReuse() {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        r.headers().set("Connection", "close").setInt("Content-Length", 3);
        assertThat(ForwardingHeaders.upstreamReusable(r, false)).isFalse();
        assertThat(ForwardingHeaders.prepareResponse(r, HttpVersion.HTTP_1_1, true, false)).isFalse();
        assertThat(r.headers().contains("Connection")).isFalse();
    }

    @Test
    void emptyResponsesAreReusableWithoutLength() {
        assertThat(ForwardingHeaders.upstreamReusable(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT), false)).isTrue();
        assertThat(ForwardingHeaders.upstreamReusable(new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK), true)).isTrue();
    }

    private static HttpRequest handshake(HttpVersion version, HttpMethod method, String connection, String upgrade) {
        HttpRequest r = new DefaultHttpRequest(version, method, "/ws");
        r.headers().set("Host", "chat.local").set("Connection", connection).set("Upgrade", upgrade)
                .set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==").set("Sec-WebSocket-Version", "13");
        return r;
    }

    @Test
    void webSocketHandshakesAreRecognised() {
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake(HttpVersion.HTTP_1_1, HttpMethod.GET, "Upgrade", "websocket")))
                .isEqualTo("websocket");
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake(HttpVersion.HTTP_1_1, HttpMethod.GET, "keep-alive, upgrade", "WebSocket")))
                .isEqualTo("WebSocket");
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake(HttpVersion.HTTP_1_1, HttpMethod.GET, "keep-alive", "websocket"))).isNull();
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake(HttpVersion.HTTP_1_1, HttpMethod.GET, "Upgrade", "h2c"))).isNull();
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake(HttpVersion.HTTP_1_1, HttpMethod.POST, "Upgrade", "websocket"))).isNull();
        assertThat(ForwardingHeaders.webSocketUpgrade(handshake(HttpVersion.HTTP_1_0, HttpMethod.GET, "Upgrade", "websocket"))).isNull();
        HttpRequest withBody = handshake(HttpVersion.HTTP_1_1, HttpMethod.GET, "Upgrade", "websocket");
        withBody.headers().setInt("Content-Length", 4);
        assertThat(ForwardingHeaders.webSocketUpgrade(withBody)).isNull();
    }

    @Test
    void aWebSocketHandshakeKeepsItsUpgradeHeadersButLosesOtherHopByHopOnes() {
        HttpRequest r = handshake(HttpVersion.HTTP_1_1, HttpMethod.GET, "keep-alive, Upgrade, X-Secret", "websocket");
        r.headers().set("X-Secret", "s").set("Keep-Alive", "timeout=5");
        String upgrade = ForwardingHeaders.webSocketUpgrade(r);
        ForwardingHeaders.prepareRequest(r, RequestTarget.parse(r.uri(), "chat.local"), "192.168.1.9", EP, upgrade);
        assertThat(r.headers().get("Connection")).isEqualTo("upgrade");
        assertThat(r.headers().get("Upgrade")).isEqualTo("websocket");
        assertThat(r.headers().get("Sec-WebSocket-Key")).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
        assertThat(r.headers().names()).doesNotContain("X-Secret", "Keep-Alive");
        assertThat(r.headers().get("X-Forwarded-For")).isEqualTo("192.168.1.9");
    }

    @Test
    void aSwitchingResponseKeepsConnectionUpgrade() {
        HttpResponse r = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.SWITCHING_PROTOCOLS);
        r.headers().set("Connection", "Upgrade, X-Secret").set("Upgrade", "websocket").set("X-Secret", "s")
                .set("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        ForwardingHeaders.prepareSwitch(r);
        assertThat(r.headers().get("Connection")).isEqualTo("upgrade");
        assertThat(r.headers().get("Upgrade")).isEqualTo("websocket");
        assertThat(r.headers().get("Sec-WebSocket-Accept")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
        assertThat(r.headers().contains("X-Secret")).isFalse();
    }
}
