package io.wolfpack.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The bounded queue and the writer thread behind the access log. */
@Timeout(30)
class AccessLogTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter dropped = new RouterMetrics(registry).accessLogDropped();

    private static AccessLogEntry entry(String uri) {
        return new AccessLogEntry(0, null, "GET", uri, 200, 1, 1_000_000, "web", "web", "127.0.0.1:1", false);
    }

    /** An output that blocks its writer until released, like a disk that stalls. */
    private static final class StallingOutput extends OutputStream {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final ByteArrayOutputStream written = new ByteArrayOutputStream();

        @Override
        public void write(int b) {
            write(new byte[]{(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.write(b, off, len);
        }

        synchronized String text() {
            return written.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aStalledWriterNeverBlocksTheCallerAndExcessLinesAreDroppedAndCounted() throws Exception {
        StallingOutput out = new StallingOutput();
        AccessLog log = new AccessLog(out, false, "test", 2, dropped);
        log.log(entry("/1"));
        assertThat(out.entered.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds /1 and is stuck
        for (int i = 2; i <= 6; i++) log.log(entry("/" + i)); // returns at once: 2 fit in the queue, 3 do not
        assertThat(dropped.count()).isEqualTo(3.0);

        out.release.countDown();
        log.close();
        List<String> lines = out.text().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"/1\"");
        assertThat(lines.get(1)).contains("\"/2\"");
        assertThat(lines.get(2)).contains("\"/3\"");
    }

    @Test
    void closeWritesWhatIsQueuedAndAppendsToAnExistingFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "earlier line\n");
        AccessLog log = AccessLog.open(AccessLogConfig.to(file.toString()), dropped);
        assertThat(log.enabled()).isTrue();
        for (int i = 0; i < 1000; i++) log.log(entry("/n/" + i));
        log.close();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1001);
        assertThat(lines.get(0)).isEqualTo("earlier line");
        assertThat(lines.get(1000)).contains("\"/n/999\"");
        assertThat(dropped.count()).isZero();
    }

    @Test
    void offMeansNoThreadAndNothingLogged() {
        AccessLog log = AccessLog.open(AccessLogConfig.OFF, dropped);
        assertThat(log.enabled()).isFalse();
        log.log(entry("/x"));
        log.close();
        assertThat(dropped.count()).isZero();
    }

    @Test
    void aFileThatCannotBeOpenedIsAClearError(@TempDir Path dir) {
        String path = dir.resolve("missing-dir").resolve("access.log").toString();
        assertThatThrownBy(() -> AccessLog.open(AccessLogConfig.to(path), dropped))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot open the access log " + path + ": ");
    }

    @Test
    void configIsValidated() {
        assertThat(RouterConfig.defaults().accessLog().enabled()).isFalse();
        assertThat(AccessLogConfig.to("-").toStdout()).isTrue();
        assertThatThrownBy(() -> AccessLogConfig.to(" "))
                .hasMessage("access log destination is blank; give a file path, or '-' for standard output");
        assertThatThrownBy(() -> new AccessLogConfig("-", 0))
                .hasMessage("access log queueLines 0 is out of range; use 1-1048576");
    }
}
