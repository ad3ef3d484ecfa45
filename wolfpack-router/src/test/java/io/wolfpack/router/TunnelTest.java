package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The switch from HTTP to a raw relay, on in-memory channels built like the router's own. */
class TunnelTest {
    private final AtomicLong closedWith = new AtomicLong(-1);

    private static EmbeddedChannel clientSide() {
        RouterConfig config = new RouterConfig("127.0.0.1", 0, 2048, 1024, 1000, 1);
        ProxyContext context = new ProxyContext(config, () -> null, new RouterMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                new TrafficCounters(), AccessLog.disabled(), new UpstreamConnector(NioSocketChannel.class),
                new Ejections(Ejections.DEFAULT_BACKOFF));
        return new EmbeddedChannel(new RequestDecoder(1024, 2048), new FrontendHandler(context));
    }

    private static EmbeddedChannel upstreamSide() {
        return new EmbeddedChannel(new ResponseDecoder(2048), new UpstreamHandler());
    }

    private static ByteBuf switching() {
        return bytes("HTTP/1.1 101 Switching Protocols\r\nconnection: upgrade\r\nupgrade: websocket\r\n"
                + "Sec-WebSocket-Accept: abc=\r\n\r\n");
    }

    private static String drain(EmbeddedChannel ch) {
        StringBuilder sb = new StringBuilder();
        ByteBuf b;
        while ((b = ch.readOutbound()) != null) {
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void afterThe101BytesPassRawBothWaysAndTheCodecsAreGone() {
        EmbeddedChannel client = clientSide();
        EmbeddedChannel upstream = upstreamSide();
        Tunnel.open(client, upstream, switching(), closedWith::set);

        assertThat(drain(client)).startsWith("HTTP/1.1 101 Switching Protocols\r\n")
                .containsIgnoringCase("Upgrade: websocket\r\n").endsWith("\r\n\r\n");
        assertThat(client.pipeline().get(RequestDecoder.class)).isNull();
        assertThat(upstream.pipeline().get(ResponseDecoder.class)).isNull();
        assertThat(client.pipeline().get(FrontendHandler.class)).isNull();
        assertThat(upstream.pipeline().get(IdleStateHandler.class)).isNull();
        assertThat(client.pipeline().get(IdleStateHandler.class)).isNotNull(); // the tunnel's own, hour-long one

        // bytes that would be nonsense to an HTTP codec go through untouched
        client.writeInbound(bytes("\u0081\u0085frame-from-client"));
        assertThat(drain(upstream)).isEqualTo("\u0081\u0085frame-from-client");
        upstream.writeInbound(bytes("\u0081\u0005hello"));
        assertThat(drain(client)).isEqualTo("\u0081\u0005hello");
    }

    @Test
    void bytesTheClientDecoderHeldAreForwardedToo() {
        EmbeddedChannel client = clientSide();
        // bytes that do not yet make a whole request line sit in the HTTP decoder when the switch happens
        client.writeInbound(bytes("GET /not-yet-a-line"));
        EmbeddedChannel upstream = upstreamSide();
        Tunnel.open(client, upstream, switching(), closedWith::set);
        drain(client);
        assertThat(drain(upstream)).isEqualTo("GET /not-yet-a-line");
    }

    @Test
    void closingOneSideClosesTheOtherAndReportsTheBytesSentToTheClient() {
        EmbeddedChannel client = clientSide();
        EmbeddedChannel upstream = upstreamSide();
        Tunnel.open(client, upstream, switching(), closedWith::set);
        drain(client);
        upstream.writeInbound(bytes("0123456789"));
        upstream.writeInbound(bytes("abcde"));
        drain(client);

        upstream.close();
        assertThat(client.isOpen()).isFalse();
        assertThat(closedWith.get()).isEqualTo(15);
    }

    @Test
    void clientClosingClosesTheUpstream() {
        EmbeddedChannel client = clientSide();
        EmbeddedChannel upstream = upstreamSide();
        Tunnel.open(client, upstream, switching(), closedWith::set);
        client.close();
        assertThat(upstream.isOpen()).isFalse();
        assertThat(closedWith.get()).isZero();
    }
}
