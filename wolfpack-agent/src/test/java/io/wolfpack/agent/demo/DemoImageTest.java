package io.wolfpack.agent.demo;

import io.wolfpack.agent.docker.FakeDockerEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoImageTest {

    @Test
    void theDockerfileBuildsBusyboxOnScratchAndServesWww() {
        String df = DemoImage.dockerfile("abc");
        assertThat(df).startsWith("FROM scratch\n")
                .contains("COPY busybox /bin/busybox")
                .contains("RUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]")
                .contains("COPY www /www")
                .contains("LABEL wolfpack.demo.hash=\"abc\"")
                .contains("httpd -f -p 8080 -h /www")
                .contains("$WOLFPACK_INSTANCE");
    }

    @Test
    void buildsOnceAndSkipsWhenTheSameContentIsThere(@TempDir Path dir) throws IOException {
        Path busybox = Files.writeString(dir.resolve("busybox"), "not really busybox");
        var engine = new FakeDockerEngine(Clock.systemUTC());
        assertThat(DemoImage.ensure(engine, busybox)).isEqualTo(DemoImage.TAG);
        DemoImage.ensure(engine, busybox);
        assertThat(engine.calls()).filteredOn(c -> c.startsWith("build")).hasSize(1);

        Files.writeString(busybox, "a newer busybox");
        DemoImage.ensure(engine, busybox);
        assertThat(engine.calls()).filteredOn(c -> c.startsWith("build")).hasSize(2);
    }

    @Test
    void saysWhatToInstallWhenBusyboxIsMissing(@TempDir Path dir) {
        assertThatThrownBy(() -> DemoImage.ensure(new FakeDockerEngine(Clock.systemUTC()), dir.resolve("busybox")))
                .hasMessageContaining("install busybox-static");
    }
}
