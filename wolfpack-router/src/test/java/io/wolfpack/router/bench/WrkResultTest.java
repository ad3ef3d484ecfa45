package io.wolfpack.router.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class WrkResultTest {
    /** Verbatim from wrk 4.1.0 (Debian 12) against the nginx proxy. */
    static final String CLEAN = """
            Running 5s test @ http://127.0.0.1:18080/
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   371.09us  293.05us   8.84ms   88.53%
                Req/Sec    44.30k     2.45k   50.92k    80.39%
              Latency Distribution
                 50%  346.00us
                 75%  448.00us
                 90%  592.00us
                 99%    1.18ms
              449539 requests in 5.10s, 67.74MB read
            Requests/sec:  88141.77
            Transfer/sec:     13.28MB
            """;

    static final String WITH_ERRORS = """
            Running 15s test @ http://127.0.0.1:41000/
              2 threads and 256 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency    12.40ms   30.01ms   2.00s    97.12%
                Req/Sec    20.12k     3.01k   28.00k    70.00%
              Latency Distribution
                 50%    5.36ms
                 75%    8.00ms
                 90%   20.00ms
                 99%    1.02s
              601234 requests in 15.02s, 80.10MB read
              Socket errors: connect 0, read 3, write 1, timeout 12
              Non-2xx or 3xx responses: 7
            Requests/sec:  40029.50
            Transfer/sec:      5.33MB
            """;

    @Test
    void readsThroughputAndPercentilesInMicroseconds() {
        WrkResult r = WrkResult.parse(CLEAN);
        assertThat(r.requests()).isEqualTo(449_539);
        assertThat(r.seconds()).isCloseTo(5.10, within(1e-9));
        assertThat(r.requestsPerSecond()).isCloseTo(88141.77, within(1e-6));
        assertThat(r.p50Micros()).isCloseTo(346.0, within(1e-9));
        assertThat(r.p99Micros()).isCloseTo(1180.0, within(1e-9));
        assertThat(r.clean()).isTrue();
        assertThat(r.problems()).isEmpty();
    }

    @Test
    void countsSocketErrorsAndBadStatusesAndReadsSecondsUnits() {
        WrkResult r = WrkResult.parse(WITH_ERRORS);
        assertThat(r.p50Micros()).isCloseTo(5360.0, within(1e-9));
        assertThat(r.p99Micros()).isCloseTo(1_020_000.0, within(1e-6));
        assertThat(r.socketErrors()).isEqualTo(16);
        assertThat(r.non2xx3xx()).isEqualTo(7);
        assertThat(r.clean()).isFalse();
        assertThat(r.problems()).isEqualTo("16 socket errors, 7 non-2xx/3xx");
    }

    @Test
    void doesNotMistakeTheThreadStatsLineForAPercentile() {
        // "99%" must come from the distribution, not from a "+/- Stdev" column that happens to end in 99%
        String tricky = CLEAN.replace("88.53%", "99.00%");
        assertThat(WrkResult.parse(tricky).p99Micros()).isCloseTo(1180.0, within(1e-9));
    }

    @Test
    void outputWithoutLatencyDistributionAsksForTheFlag() {
        String noLatency = CLEAN.replaceAll("(?s)  Latency Distribution.*?1\\.18ms\\n", "");
        assertThatThrownBy(() -> WrkResult.parse(noLatency))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--latency");
    }

    @Test
    void failedWrkOutputIsRejectedWithWhatItSaid() {
        assertThatThrownBy(() -> WrkResult.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requests in")
                .hasMessageContaining("Connection refused");
        assertThatThrownBy(() -> WrkResult.parse(""))
                .hasMessageContaining("(no output)");
    }

    @Test
    void unknownTimeUnitIsNamed() {
        assertThatThrownBy(() -> WrkResult.toMicros(1, "ns"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'ns'");
        assertThat(WrkResult.toMicros(2, "m")).isEqualTo(120e6);
    }
}
