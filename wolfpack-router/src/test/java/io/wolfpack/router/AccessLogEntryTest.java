package io.wolfpack.router;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AccessLogEntryTest {
    private static final long T = Instant.parse("2025-03-01T10:15:30.123Z").toEpochMilli();
    private static final InetSocketAddress CLIENT = new InetSocketAddress("10.0.0.7", 51234);

    @Test
    void aProxiedRequest() {
        AccessLogEntry e = new AccessLogEntry(T, CLIENT, "GET", "/api/users?id=1", 200, 512, 3_214_567,
                "web", "legacy", "10.0.0.5:9001", false);
        assertThat(e.format()).isEqualTo(
                "2025-03-01T10:15:30.123Z 10.0.0.7 GET \"/api/users?id=1\" 200 512 3.214 web legacy 10.0.0.5:9001 0");
    }

    @Test
    void aRetriedRequestAndWholeSeconds() {
        AccessLogEntry e = new AccessLogEntry(Instant.parse("2025-03-01T10:15:30Z").toEpochMilli(), CLIENT, "HEAD", "/",
                200, 0, 12_000_000_000L, "web", "web", "10.0.0.6:20417", true);
        assertThat(e.format()).isEqualTo("2025-03-01T10:15:30.000Z 10.0.0.7 HEAD \"/\" 200 0 12000.000 web web 10.0.0.6:20417 1");
    }

    @Test
    void missingFieldsAreDashes() {
        AccessLogEntry e = new AccessLogEntry(T, null, null, null, 400, 47, 999, RouterMetrics.NONE, RouterMetrics.NONE,
                null, false);
        assertThat(e.format()).isEqualTo("2025-03-01T10:15:30.123Z - - \"-\" 400 47 0.000 - - - 0");
    }

    @Test
    void quotesSpacesAndNonAsciiAreEscapedSoALineSplitsOnSpaces() {
        AccessLogEntry e = new AccessLogEntry(T, CLIENT, "GET", "/a\"b\\c d\u00e9\u0001", 404, 10, 1_500_000,
                "my route", null, null, false);
        String line = e.format();
        assertThat(line).isEqualTo(
                "2025-03-01T10:15:30.123Z 10.0.0.7 GET \"/a\\x22b\\x5cc\\x20d\\xe9\\x01\" 404 10 1.500 my\\x20route - - 0");
        assertThat(line.split(" ")).hasSize(11);
    }

    @Test
    void ipv6Clients() {
        AccessLogEntry e = new AccessLogEntry(T, new InetSocketAddress("::1", 5), "GET", "/", 200, 1, 1_000,
                "r", "b", "[::1]:80", false);
        assertThat(e.format()).startsWith("2025-03-01T10:15:30.123Z 0:0:0:0:0:0:0:1 GET ");
    }
}
