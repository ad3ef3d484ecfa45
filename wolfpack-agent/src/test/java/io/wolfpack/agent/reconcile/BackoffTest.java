package io.wolfpack.agent.reconcile;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesFromOneSecondUpToSixtySeconds() {
        var delays = IntStream.rangeClosed(0, 9).mapToObj(n -> Backoff.DEFAULT.delay(n).toSeconds()).toList();
        assertThat(delays).containsExactly(0L, 1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L, 60L);
        assertThat(Backoff.DEFAULT.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void rejectsANonPositiveStartOrAMaxBelowIt() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1))).hasMessageContaining("initial");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).hasMessageContaining("max");
    }

    @Test
    void wordsRoundUpToWholeSeconds() {
        assertThat(Backoff.words(Duration.ofMillis(1500))).isEqualTo("2s");
        assertThat(Backoff.words(Duration.ofSeconds(8))).isEqualTo("8s");
        assertThat(Backoff.words(Duration.ofMillis(200))).isEqualTo("200ms");
    }

    @Property
    void delaysAreNonDecreasingAndCapped(@ForAll @LongRange(min = 1, max = 10_000) long initialMs,
                                         @ForAll @LongRange(min = 0, max = 600_000) long extraMs,
                                         @ForAll @IntRange(min = 1, max = 200) int failures) {
        Backoff b = new Backoff(Duration.ofMillis(initialMs), Duration.ofMillis(initialMs + extraMs));
        Duration d = b.delay(failures);
        assertThat(d).isLessThanOrEqualTo(b.max()).isGreaterThanOrEqualTo(b.initial());
        assertThat(b.delay(failures + 1)).isGreaterThanOrEqualTo(d);
    }
}
