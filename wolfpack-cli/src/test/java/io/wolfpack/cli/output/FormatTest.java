package io.wolfpack.cli.output;

import io.wolfpack.core.api.InstanceView;
import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.InstanceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FormatTest {
    static final Instant NOW = Instant.parse("2026-11-25T18:10:00Z");

    @ParameterizedTest
    @CsvSource({"0,0s", "5,5s", "59,59s", "60,1m", "179,2m", "3599,59m", "3600,1h", "7300,2h", "86399,23h",
            "86400,1d", "345600,4d", "-30,0s"})
    void ageUsesTheLargestWholeUnit(long seconds, String expected) {
        assertThat(Format.age(Duration.ofSeconds(seconds))).isEqualTo(expected);
    }

    @Test
    void ageOfAnUnknownInstantIsADash() {
        assertThat(Format.age(null, NOW)).isEqualTo("-");
        assertThat(Format.age(NOW.minusSeconds(90), NOW)).isEqualTo("1m");
    }

    @Test
    void timeIsIsoUtcToTheSecond() {
        assertThat(Format.time(Instant.parse("2026-11-25T18:00:01.734Z"))).isEqualTo("2026-11-25T18:00:01Z");
    }

    @ParameterizedTest
    @CsvSource({"2.0,2", "0.25,0.25", "0.3,0.3", "0.333333,0.33", "0,0", "16,16"})
    void cpuDropsNoise(double cores, String expected) {
        assertThat(Format.cpu(cores)).isEqualTo(expected);
    }

    @Test
    void portsAndLabelsAreSortedByName() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("metrics", 20418);
        ports.put("http", 20417);
        assertThat(Format.ports("10.0.0.5", ports)).isEqualTo("http=10.0.0.5:20417,metrics=10.0.0.5:20418");
        assertThat(Format.ports("10.0.0.5", Map.of())).isEqualTo("-");
        assertThat(Format.labels(Map.of("zone", "a", "disk", "ssd"))).isEqualTo("disk=ssd,zone=a");
    }

    @Test
    void backoffMessageCountsDownFromNextRetryAtInsteadOfTheStaleReportedOne() {
        InstanceView i = instance(InstanceState.BACKOFF, 1, "exited with code 1; restarting in 4s", NOW.plusSeconds(8));

        assertThat(Format.instanceMessage(i, NOW)).isEqualTo("exited with code 1; retry in 8s");
        assertThat(Format.instanceMessage(i, NOW.plusSeconds(9))).isEqualTo("exited with code 1; retrying now");
    }

    @Test
    void backoffWithoutAMessageSaysTheExitCode() {
        InstanceView i = instance(InstanceState.BACKOFF, 137, null, NOW.plusSeconds(120));

        assertThat(Format.instanceMessage(i, NOW)).isEqualTo("exited with code 137; retry in 2m");
    }

    @Test
    void otherStatesShowTheReportedMessageAsIs() {
        InstanceView i = instance(InstanceState.PULLING, null, "pulling web:1.4; restarting in 4s", null);

        assertThat(Format.instanceMessage(i, NOW)).isEqualTo("pulling web:1.4; restarting in 4s");
    }

    @Test
    void eventLineNamesServiceInstanceNodeAndMessage() {
        Event e = new Event(42, Instant.parse("2026-11-25T18:00:01Z"), "instance.backoff", "web", "web-k3x9q2",
                "local", "exited with code 1; restarting in 8s");
        assertThat(EventOutput.line(e))
                .isEqualTo("2026-11-25T18:00:01Z instance.backoff web/web-k3x9q2 on local: exited with code 1; restarting in 8s");

        Event node = new Event(43, Instant.parse("2026-11-25T18:00:02Z"), "node.ready", null, null, "local", null);
        assertThat(EventOutput.line(node)).isEqualTo("2026-11-25T18:00:02Z node.ready on local");
    }

    private static InstanceView instance(InstanceState state, Integer exit, String message, Instant retryAt) {
        return new InstanceView("web-1", 1, "local", "127.0.0.1", Map.of(), state, Health.UNKNOWN, null, 2, exit,
                message, NOW, retryAt, NOW);
    }
}
