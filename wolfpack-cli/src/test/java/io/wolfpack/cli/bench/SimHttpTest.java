package io.wolfpack.cli.bench;

import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoopGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SimHttp} against a raw loopback socket server that records every request exactly as it
 * arrived and answers by path: the bytes on the wire, keep-alive reuse, chunked and
 * Content-Length bodies, a new connection after {@code Connection: close}, and a timeout.
 */
class SimHttpTest {
    private RawServer server;
    private EventLoopGroup loops;
    private SimHttp http;

    @BeforeEach
    void start() throws IOException {
        server = new RawServer();
        loops = SimHttp.eventLoops(1);
        http = new SimHttp(loops.next(), URI.create("http://127.0.0.1:" + server.port()), "tok3n");
    }

    @AfterEach
    void stop() throws Exception {
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        server.close();
    }

    @Test
    void postsTheSameBytesAsApiClientAndReusesTheConnection() throws Exception {
        Result first = post("/v1/agent/report", "{\"a\":1}");
        Result second = post("/v1/agent/report", "{\"b\":22}");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("ok");
        assertThat(second.body()).isEqualTo("ok");
        assertThat(server.requests()).hasSize(2);
        assertThat(server.requests().get(0)).isEqualTo("POST /v1/agent/report HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\n"
                + "Accept: application/json\r\n"
                + "Authorization: Bearer tok3n\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: 7\r\n\r\n{\"a\":1}");
        assertThat(server.requests().get(1)).endsWith("Content-Length: 8\r\n\r\n{\"b\":22}");
        assertThat(server.connections()).as("connections opened for two reports in a row").isEqualTo(1);
    }

    @Test
    void readsAChunkedBodyOnAConnectionOfItsOwn() throws Exception {
        Result r = get(null, "/chunked?node=sim-00001&after=0&wait=20000ms");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"node\":\"sim-00001\",\"version\":3}");
        assertThat(server.requests().get(0)).isEqualTo("GET /chunked?node=sim-00001&after=0&wait=20000ms HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + server.port() + "\r\nAccept: application/json\r\nAuthorization: Bearer tok3n\r\n\r\n");
        Result again = get(r.connection(), "/chunked");
        assertThat(again.connection()).isSameAs(r.connection());
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void opensANewConnectionAfterTheServerSaidClose() throws Exception {
        Result closing = get(null, "/close");
        assertThat(closing.body()).isEqualTo("bye");

        Result next = get(closing.connection(), "/ok");
        assertThat(next.status()).isEqualTo(200);
        assertThat(next.connection()).isNotSameAs(closing.connection());
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void endsWithAnErrorWhenNoResponseComesInTime() throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        http.loop().execute(() -> http.get(null, "/silent", 100, (status, body, err) -> done.complete(new Result(status, null, err, null))));
        Result r = done.get(10, TimeUnit.SECONDS);

        assertThat(r.error()).isInstanceOf(TimeoutException.class).hasMessageContaining("100 ms");
        Result after = get(null, "/ok");
        assertThat(after.status()).as("the loop is still serving").isEqualTo(200);
    }

    @Test
    void endsWithAnErrorWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SimHttp nowhere = new SimHttp(http.loop(), URI.create("http://127.0.0.1:" + port), "t");
        CompletableFuture<Result> done = new CompletableFuture<>();
        nowhere.loop().execute(() -> nowhere.post("/v1/agent/report", new byte[]{'{', '}'}, 5000,
                (status, body, err) -> done.complete(new Result(status, null, err, null))));

        assertThat(done.get(10, TimeUnit.SECONDS).error()).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void rejectsAServerThatIsNotPlainHttp() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SimHttp(loops.next(), URI.create("https://127.0.0.1:1"), "t"))
                .hasMessageContaining("--server https://127.0.0.1:1").hasMessageContaining("http://");
    }

    @Test
    void peeksTheAssignmentsVersionOnlyAtTheTopLevel() {
        assertThat(AssignmentsVersion.peek(buf("{\"node\":\"sim-00001\",\"version\":42,\"assignments\":[]}"))).isEqualTo(42);
        assertThat(AssignmentsVersion.peek(buf("{\"node\":\"a\\\"version\\\":7\",\"version\":8}"))).isEqualTo(8);
        assertThat(AssignmentsVersion.peek(buf("{\"assignments\":[{\"version\":1}],\"version\":2}"))).isEqualTo(AssignmentsVersion.UNKNOWN);
        assertThat(AssignmentsVersion.peek(buf("{\"version\":\"x\"}"))).isEqualTo(AssignmentsVersion.UNKNOWN);
        assertThat(AssignmentsVersion.peek(buf("{\"version\":12"))).isEqualTo(AssignmentsVersion.UNKNOWN);
        assertThat(AssignmentsVersion.peek(buf(""))).isEqualTo(AssignmentsVersion.UNKNOWN);
    }

    @Test
    void spreadsTheFleetsHeartbeatsEvenlyOverTheLoops() {
        long interval = 1_000_000;
        HeartbeatSchedule l0 = new HeartbeatSchedule(interval, 5, 2, 0);
        HeartbeatSchedule l1 = new HeartbeatSchedule(interval, 5, 2, 1);
        assertThat(l0.size()).isEqualTo(3);
        assertThat(l1.size()).isEqualTo(2);
        // loop 0 has nodes 0, 2, 4; loop 1 has nodes 1, 3: due at k × interval / 5 in every round
        assertThat(List.of(l0.dueNanos(0), l0.dueNanos(1), l0.dueNanos(2), l0.dueNanos(3)))
                .containsExactly(0L, 400_000L, 800_000L, 1_000_000L);
        assertThat(List.of(l1.dueNanos(0), l1.dueNanos(1), l1.dueNanos(2))).containsExactly(200_000L, 600_000L, 1_200_000L);
    }

    private static io.netty.buffer.ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    record Result(int status, String body, Throwable error, SimConnection connection) {
    }

    private Result post(String path, String json) throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        http.loop().execute(() -> http.post(path, json.getBytes(StandardCharsets.UTF_8), 5000,
                (status, body, err) -> done.complete(result(status, body, err, null))));
        return done.get(10, TimeUnit.SECONDS);
    }

    private Result get(SimConnection own, String path) throws Exception {
        CompletableFuture<Result> done = new CompletableFuture<>();
        AtomicReference<SimConnection> used = new AtomicReference<>();
        http.loop().execute(() -> used.set(http.get(own, path, 5000,
                (status, body, err) -> done.complete(result(status, body, err, used.get())))));
        Result r = done.get(10, TimeUnit.SECONDS);
        return new Result(r.status(), r.body(), r.error(), used.get());
    }

    private static Result result(int status, io.netty.buffer.ByteBuf body, Throwable err, SimConnection c) {
        return new Result(status, body == null ? null : body.toString(StandardCharsets.UTF_8), err, c);
    }

    /** A blocking HTTP/1.1 server, a thread per connection, that keeps every request's raw text. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();

        RawServer() throws IOException {
            Thread t = new Thread(this::accept, "raw-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return requests;
        }

        int connections() {
            return connections.get();
        }

        private void accept() {
            try {
                while (true) {
                    Socket s = socket.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    Thread t = new Thread(() -> serve(s), "raw-conn");
                    t.setDaemon(true);
                    t.start();
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                while (true) {
                    String head = readHead(in);
                    if (head == null) return;
                    int length = contentLength(head);
                    String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
                    requests.add(head + body);
                    String path = head.substring(head.indexOf(' ') + 1, head.indexOf(" HTTP/1.1"));
                    if (path.startsWith("/silent")) continue; // never answers
                    if (path.startsWith("/chunked")) {
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "14\r\n{\"node\":\"sim-00001\",\r\nc\r\n\"version\":3}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    } else if (path.startsWith("/close")) {
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nConnection: close\r\n\r\nbye".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        return;
                    } else {
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
            } catch (IOException gone) {
                // the client closed the connection
            }
        }

        private static String readHead(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    return head.toString(StandardCharsets.US_ASCII);
                }
            }
            return null;
        }

        private static int contentLength(String head) {
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) return Integer.parseInt(line.substring(15).trim());
            }
            return 0;
        }

        @Override
        public void close() throws IOException {
            socket.close();
            for (Socket s : open) s.close();
        }
    }
}
