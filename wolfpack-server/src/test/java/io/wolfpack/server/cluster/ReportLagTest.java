package io.wolfpack.server.cluster;

import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.model.NodeState;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server that answers reports late hears from every node late: its liveness thresholds stretch
 * by its own lag, so that its backlog does not make healthy nodes suspect (a failover storm).
 */
class ReportLagTest {
    /** A clock the test moves. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final TestClock clock = new TestClock();
    private final ReportLag lag = new ReportLag(clock);

    /** {@code n} reports answered now, each {@code late} after it arrived. */
    private void answer(int n, Duration late) {
        for (int i = 0; i < n; i++) lag.answered(clock.millis() - late.toMillis());
    }

    @Test
    void aServerThatKeepsUpHasNoLag() {
        answer(500, Duration.ofMillis(3));
        assertThat(lag.recent()).isLessThanOrEqualTo(Duration.ofMillis(3));
    }

    @Test
    void theLagIsWhatMostAnswersTakeNotTheFewSlowest() {
        answer(95, Duration.ofMillis(5));
        answer(5, Duration.ofSeconds(4));  // a few slow ones (first registrations, one large node)
        assertThat(lag.recent()).isEqualTo(Duration.ofMillis(5));

        clock.advance(Duration.ofSeconds(1));
        answer(200, Duration.ofMillis(2500));
        assertThat(lag.recent()).isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void tooFewAnswersSayNothingAndOldOnesAreForgotten() {
        answer(ReportLag.MIN_SAMPLES - 1, Duration.ofSeconds(5));
        assertThat(lag.recent()).isZero();

        answer(50, Duration.ofSeconds(5));
        clock.advance(Duration.ofSeconds(1));
        assertThat(lag.recent()).isEqualTo(Duration.ofSeconds(5));
        clock.advance(ReportLag.WINDOW);
        assertThat(lag.recent()).as("nothing answered in the last 10 s").isZero();
    }

    @Test
    void itStretchesTheThresholdsAtMostSoFar() {
        answer(100, Duration.ofMinutes(5));
        assertThat(lag.recent()).isEqualTo(ReportLag.MAX);
    }

    @Test
    void aNodeIsSuspectOnlyWhenItsSilenceIsLongerThanTheServersOwnLagExplains() {
        NodeRegistry registry = new NodeRegistry(NodeLiveness.DEFAULT, clock, lag::recent);  // suspect after 2 s, down after 10 s
        registry.heartbeat("n1", null, 0.1);
        clock.advance(Duration.ofSeconds(3));
        assertThat(registry.liveness("n1")).as("3 s silent, the server keeping up").isEqualTo(NodeState.SUSPECT);

        answer(100, Duration.ofSeconds(2));  // the server now answers reports 2 s late
        clock.advance(Duration.ofMillis(300));
        assertThat(registry.currentLiveness().suspectAfter()).isEqualTo(Duration.ofSeconds(4));
        assertThat(registry.liveness("n1")).as("3.3 s silent, 2 s of it the server's").isEqualTo(NodeState.READY);
        clock.advance(Duration.ofSeconds(1));
        assertThat(registry.liveness("n1")).as("4.3 s silent").isEqualTo(NodeState.SUSPECT);
        clock.advance(Duration.ofSeconds(8));
        assertThat(registry.liveness("n1")).as("12.3 s silent, the lag seen no more").isEqualTo(NodeState.DOWN);
    }
}
