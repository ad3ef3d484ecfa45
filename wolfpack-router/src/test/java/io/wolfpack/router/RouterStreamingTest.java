package io.wolfpack.router;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies much larger than any buffer go through the router chunk by chunk, both ways. */
class RouterStreamingTest {
    private static final long FIFTY_MB = 50L * 1024 * 1024;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestBackend backend;
    private Router router;

    @BeforeEach
    void start() {
        backend = new TestBackend("big");
        router = new Router(new RouterConfig("127.0.0.1", 0, 8192, 4096, 30_000, 2), new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        router.start();
        router.update(new RouteTable(1, List.of(new Route("big", "*", "/", 0,
                List.of(new Backend("big", 1, List.of(backend.endpoint())))))));
    }

    @AfterEach
    void stop() {
        router.close();
        backend.close();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + router.port() + path);
    }

    @Test
    @Timeout(60)
    void chunkedRequestBodyArrivesWhole() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(uri("/count"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new TestBackend.PatternStream(1_000_003)))
                .build();
        HttpResponse<String> resp = http.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(resp.statusCode()).isEqualTo(200);
        assertThat(resp.body()).isEqualTo("count=1000003");
    }

    @Test
    @Timeout(120)
    void fiftyMegabytesEachWayWithoutBufferingTheBody() throws Exception {
        try (MemoryWatch watch = new MemoryWatch()) {
            HttpRequest upload = HttpRequest.newBuilder(uri("/count"))
                    .POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new TestBackend.PatternStream(FIFTY_MB)), FIFTY_MB))
                    .build();
            assertThat(http.send(upload, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("count=" + FIFTY_MB);

            assertThat(download("/bytes/" + FIFTY_MB)).isEqualTo(FIFTY_MB);
            assertThat(download("/chunked/" + FIFTY_MB)).isEqualTo(FIFTY_MB);

            // a router that held a body would need at least 50 MB of buffers at once
            assertThat(watch.peakBytes()).isLessThan(FIFTY_MB / 2);
        }
    }

    /** Reads a download, checking every byte against the backend's pattern; returns the count. */
    private long download(String path) throws Exception {
        HttpResponse<InputStream> resp = http.send(HttpRequest.newBuilder(uri(path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(resp.statusCode()).isEqualTo(200);
        long n = 0;
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = resp.body()) {
            int r;
            while ((r = in.read(buf)) >= 0) {
                for (int i = 0; i < r; i++) {
                    if (buf[i] != (byte) ((n + i) % 251)) throw new AssertionError("byte " + (n + i) + " is corrupt");
                }
                n += r;
            }
        }
        return n;
    }

    /** Samples the memory held by Netty's default allocator (router and test backend share it). */
    private static final class MemoryWatch implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        MemoryWatch() {
            thread = new Thread(() -> {
                while (running.get()) {
                    if (ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p) {
                        long used = p.metric().usedDirectMemory() + p.metric().usedHeapMemory();
                        peak.accumulateAndGet(used, Math::max);
                    }
                    Thread.onSpinWait();
                }
            }, "memory-watch");
            thread.setDaemon(true);
            thread.start();
        }

        long peakBytes() {
            return peak.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
