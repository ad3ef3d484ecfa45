package io.wolfpack.router;

import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** WebSocket pass-through: a real echo server behind the router and the JDK's WebSocket client in front. */
@Timeout(60)
class RouterWebSocketTest extends RouterFixture {
    private final HttpClient http = HttpClient.newHttpClient();

    private WebSocketBackend wsBackend() {
        WebSocketBackend b = new WebSocketBackend();
        closeables.add(b);
        return b;
    }

    private void serve(long timeoutMillis, Endpoint endpoint) {
        router.update(new RouteTable(1, List.of(new Route("chat", "*", "/", timeoutMillis,
                List.of(new Backend("chat", 100, List.of(endpoint)))))));
    }

    /** A JDK WebSocket client that collects whole text messages and notes how the connection ended. */
    private static final class Client implements WebSocket.Listener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final CompletableFuture<String> ended = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            ended.complete("close " + statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            ended.complete("error " + error);
        }

        String roundTrip(String text) throws Exception {
            socket.sendText(text, true).get(10, TimeUnit.SECONDS);
            String reply = messages.poll(10, TimeUnit.SECONDS);
            assertThat(reply).as("reply to a message of %d chars", text.length()).isNotNull();
            return reply;
        }
    }

    private Client connect(String path) throws Exception {
        Client c = new Client();
        c.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + router.port() + path), c)
                .get(10, TimeUnit.SECONDS);
        closeables.add(() -> c.socket.abort());
        return c;
    }

    @Test
    void textMessagesGoBothWaysThroughTheRouter() throws Exception {
        WebSocketBackend ws = wsBackend();
        serve(0, ws.endpoint());
        Client c = connect("/ws");
        for (int i = 0; i < 50; i++) {
            assertThat(c.roundTrip("message " + i)).isEqualTo("echo:message " + i);
        }
        // far more than any socket buffer: the relay has to pause and resume both ways
        String big = "x".repeat(3 * 1024 * 1024);
        assertThat(c.roundTrip(big)).hasSize(big.length() + 5).startsWith("echo:xxx");
        assertThat(c.roundTrip("after")).isEqualTo("echo:after");

        c.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(10, TimeUnit.SECONDS);
        assertThat(c.ended.get(10, TimeUnit.SECONDS)).isEqualTo("close 1000");
        await().atMost(10, TimeUnit.SECONDS).until(() -> ws.closedConnections.get() == 1);
        assertThat(ws.connections.get()).isEqualTo(1);
        assertThat(registry.get(RouterMetrics.REQUESTS).tags("route", "chat", "backend", "chat", "status_class", "1xx")
                .counter().count()).isEqualTo(1.0);
    }

    @Test
    void theRouteTimeoutDoesNotCloseAnOpenWebSocket() throws Exception {
        WebSocketBackend ws = wsBackend();
        serve(200, ws.endpoint());
        Client c = connect("/ws");
        assertThat(c.roundTrip("one")).isEqualTo("echo:one");
        Thread.sleep(1_000); // idle for five times the route timeout
        assertThat(c.ended).isNotDone();
        assertThat(c.roundTrip("two")).isEqualTo("echo:two");
    }

    @Test
    void upstreamClosingClosesTheClientSide() throws Exception {
        WebSocketBackend ws = wsBackend();
        serve(0, ws.endpoint());
        Client c = connect("/ws");
        assertThat(c.roundTrip("hello")).isEqualTo("echo:hello");
        c.socket.sendText("drop", true).get(10, TimeUnit.SECONDS); // the backend closes its connection, no close frame
        assertThat(c.ended.get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void clientClosingClosesTheUpstreamSide() throws Exception {
        WebSocketBackend ws = wsBackend();
        serve(0, ws.endpoint());
        Client c = connect("/ws");
        assertThat(c.roundTrip("hello")).isEqualTo("echo:hello");
        c.socket.abort(); // the TCP connection closes, no close frame
        await().atMost(10, TimeUnit.SECONDS).until(() -> ws.closedConnections.get() == 1);
    }

    @Test
    void anUpgradeAnsweredWithoutA101IsPassedBack() throws Exception {
        WebSocketBackend ws = wsBackend();
        serve(0, ws.endpoint());
        assertThatThrownBy(() -> connect("/not-ws"))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
        // the router still serves WebSockets after it
        assertThat(connect("/ws").roundTrip("still")).isEqualTo("echo:still");
    }

    @Test
    void aPlainAnswerToAnUpgradeKeepsTheClientConnectionAndUsesAFreshUpstream() throws Exception {
        TestBackend web = backend("web");
        serve(0, web.endpoint());
        RawHttp c = client();
        assertThat(c.get("a", "/first").status()).isEqualTo(200); // leaves one pooled upstream connection

        c.send("GET /chat HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("path=/chat", "upgrade=websocket"); // the handshake reached the backend
        assertThat(r.header("Connection")).isNull();

        // same client connection, so same event loop and pool: the pooled connection serves this one,
        // the handshake had its own, which was closed, not pooled
        assertThat(c.get("a", "/last").body()).contains("path=/last");
        assertThat(web.connections.get()).isEqualTo(2);
        assertThat(c.get("a", "/again").status()).isEqualTo(200);
        assertThat(web.connections.get()).isEqualTo(2);
    }

    @Test
    void dataPipelinedBehindAHandshakeIsRefusedRatherThanTunneled() throws Exception {
        WebSocketBackend ws = wsBackend();
        serve(0, ws.endpoint());
        RawHttp c = client();
        // one write, so the router reads both at once: the second request waits behind the handshake
        c.send("GET /ws HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
                + "GET /next HTTP/1.1\r\nHost: a\r\n\r\n");
        RawHttp.Response r = c.read();
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("X-Wolfpack-Router")).isEqualTo("bad-request");
        assertThat(c.closedByPeer()).isTrue();
        await().atMost(10, TimeUnit.SECONDS).until(() -> ws.closedConnections.get() == 1);
    }
}
