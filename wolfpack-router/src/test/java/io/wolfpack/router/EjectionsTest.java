package io.wolfpack.router;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class EjectionsTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private final Ejections ejections = new Ejections(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30)));
    private long now = 123_456_789L; // a fake nanoTime; any origin works

    @Test
    void ejectsForOneSecondThenLetsTheEndpointBack() {
        assertThat(ejections.isEjected("a:1", now)).isFalse();
        assertThat(ejections.eject("a:1", now)).isTrue();
        assertThat(ejections.isEjected("a:1", now)).isTrue();
        assertThat(ejections.isEjected("a:1", now + S - 1)).isTrue();
        assertThat(ejections.isEjected("a:1", now + S)).isFalse();
        assertThat(ejections.isEjected("b:1", now)).isFalse();
    }

    @Test
    void consecutiveEjectionsDoubleUpTo30Seconds() {
        long[] expectedSeconds = {1, 2, 4, 8, 16, 30, 30};
        for (long seconds : expectedSeconds) {
            assertThat(ejections.eject("a:1", now)).isTrue();
            assertThat(ejections.isEjected("a:1", now + seconds * S - 1)).isTrue();
            assertThat(ejections.isEjected("a:1", now + seconds * S)).isFalse();
            now += seconds * S;
        }
        assertThat(ejections.ejectionsInARow("a:1")).isEqualTo(expectedSeconds.length);
    }

    @Test
    void failuresDuringAnEjectionDoNotExtendIt() {
        ejections.eject("a:1", now);
        assertThat(ejections.eject("a:1", now + S / 2)).isFalse();
        assertThat(ejections.isEjected("a:1", now + S)).isFalse();
        assertThat(ejections.ejectionsInARow("a:1")).isEqualTo(1);
    }

    @Test
    void aSuccessResetsTheBackoff() {
        ejections.eject("a:1", now);
        ejections.eject("a:1", now + S);
        assertThat(ejections.ejectionsInARow("a:1")).isEqualTo(2);
        ejections.succeeded("a:1");
        assertThat(ejections.ejectionsInARow("a:1")).isZero();
        now += 10 * S;
        ejections.eject("a:1", now);
        assertThat(ejections.isEjected("a:1", now + S)).isFalse();
    }

    @Test
    void worksAcrossANanoTimeWrap() {
        long nearMax = Long.MAX_VALUE - S / 2;
        ejections.eject("a:1", nearMax);
        assertThat(ejections.isEjected("a:1", nearMax + S / 4)).isTrue();
        assertThat(ejections.isEjected("a:1", nearMax + S)).isFalse(); // overflowed to negative
    }

    @Test
    void longGoneEndpointsArePrunedOnceManyAreTracked() {
        Ejections small = new Ejections(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2)));
        for (int i = 0; i <= Ejections.PRUNE_ABOVE; i++) small.eject("old:" + i, now);
        small.eject("new:1", now + 10 * S);
        assertThat(small.tracked()).isEqualTo(1);
        assertThat(small.isEjected("new:1", now + 10 * S)).isTrue();
    }

    @Test
    void byDefaultAnEjectionOutlastsTheServersSuspectDelay() {
        assertThat(Ejections.DEFAULT_BACKOFF.delay(1)).isGreaterThan(Duration.ofMillis(2_250));
    }

    @Test
    void aHostThatDidNotAnswerTakesEveryEndpointOnItOutUntilItAnswers() {
        var a = new io.wolfpack.core.route.Endpoint("10.0.0.2", 20001, "web-a");
        var b = new io.wolfpack.core.route.Endpoint("10.0.0.2", 20002, "web-b");
        var c = new io.wolfpack.core.route.Endpoint("10.0.0.3", 20001, "web-c");
        ejections.ejectHost("10.0.0.2", now);
        assertThat(ejections.isEjected(a, now)).isTrue();
        assertThat(ejections.isEjected(b, now + S - 1)).isTrue();
        assertThat(ejections.isEjected(c, now)).isFalse();
        assertThat(ejections.isEjected(b, now + S)).isFalse();
        ejections.ejectHost("10.0.0.2", now + S);
        ejections.hostAnswered("10.0.0.2");
        assertThat(ejections.isEjected(a, now + S)).isFalse();
    }
}
