package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The answers the router makes without any upstream, driven through an in-memory channel. */
class FrontendHandlerTest {
    private final AtomicReference<CompiledTable> table = new AtomicReference<>();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private EmbeddedChannel channel() {
        RouterConfig config = new RouterConfig("127.0.0.1", 0, 2048, 1024, 1000, 1);
        ProxyContext context = new ProxyContext(config, table::get, new RouterMetrics(registry), new TrafficCounters(),
                AccessLog.disabled(), new UpstreamConnector(NioSocketChannel.class), new Ejections(Ejections.DEFAULT_BACKOFF));
        return new EmbeddedChannel(new RequestDecoder(1024, 2048), new FrontendHandler(context));
    }

    private static String exchange(EmbeddedChannel ch, String request) {
        ch.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        ch.runPendingTasks();
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    @Test
    void withoutATableEveryRequestIs503AndTheConnectionStaysOpen() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "GET / HTTP/1.1\r\nHost: web.local\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 503 ")
                .contains("X-Wolfpack-Router: no-table")
                .endsWith(FrontendHandler.NO_TABLE_MESSAGE + "\n");
        assertThat(ch.isActive()).isTrue();
        assertThat(registry.get(RouterMetrics.REQUESTS).tag("route", "-").tag("status_class", "5xx").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void aRouterErrorToHeadHasNoBodySoTheNextAnswerIsNotMisread() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "HEAD / HTTP/1.1\r\nHost: web.local\r\n\r\nGET / HTTP/1.1\r\nHost: web.local\r\n\r\n");
        String first = response.substring(0, response.indexOf("\r\n\r\n") + 4);
        assertThat(first).startsWith("HTTP/1.1 503 ").contains("content-length: " + (FrontendHandler.NO_TABLE_MESSAGE.length() + 1));
        assertThat(response.substring(first.length())).startsWith("HTTP/1.1 503 ").endsWith(FrontendHandler.NO_TABLE_MESSAGE + "\n");
    }

    @Test
    void unmatchedHostIs404NamingHostAndPath() {
        table.set(CompiledTable.compile(new RouteTable(3, List.of(new Route("web", "web.local", "/", 0, List.of())))));
        String response = exchange(channel(), "GET /x?y=1 HTTP/1.1\r\nHost: other.local:7780\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 404 ").contains("X-Wolfpack-Router: no-route")
                .endsWith("no route for host other.local:7780 path /x\n");
    }

    @Test
    void routeWithoutEndpointsIs503NamingTheRoute() {
        table.set(CompiledTable.compile(new RouteTable(3, List.of(new Route("web", "*", "/", 0,
                List.of(new Backend("web", 100, List.of())))))));
        String response = exchange(channel(), "GET / HTTP/1.1\r\nHost: web.local\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 503 ").endsWith("route web has no healthy endpoint\n");
    }

    @Test
    void bodyOfARejectedRequestIsSkippedAndTheNextRequestIsServed() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello"
                + "GET /second HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(response.split("HTTP/1.1 503 ", -1)).hasSize(3);
    }

    @Test
    void malformedRequestIs400AndClosesTheConnection() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "THIS IS NOT HTTP\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Connection: close")
                .contains("X-Wolfpack-Router: bad-request");
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void oversizeHeadersAre431AndCloseTheConnection() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "GET / HTTP/1.1\r\nHost: a\r\nX-Big: " + "x".repeat(4000) + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 431 ").contains("request headers are larger than 2048 bytes");
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void overlongRequestLineIs414() {
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "GET /" + "a".repeat(2000) + " HTTP/1.1\r\nHost: a\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 414 ");
        assertThat(ch.isActive()).isFalse();
    }

    @Test
    void connectIsRefused() {
        table.set(CompiledTable.compile(RouteTable.EMPTY));
        EmbeddedChannel ch = channel();
        String response = exchange(ch, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 405 ");
    }
}
