package io.wolfpack.router;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void doublesFrom250msAndCapsAt5s() {
        Backoff b = RouterFeed.BACKOFF;
        assertThat(b.delay(1)).isEqualTo(Duration.ofMillis(250));
        assertThat(b.delay(2)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delay(5)).isEqualTo(Duration.ofMillis(4000));
        assertThat(b.delay(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(b.delay(1000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsAnInitialDelayAboveTheCap() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("initial=PT2S");
    }
}
