package io.wolfpack.router;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class IdleTimeoutTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final AtomicBoolean busy = new AtomicBoolean();
    private final IdleTimeout idle = new IdleTimeout(channel, 30, TimeUnit.SECONDS, busy::get, now::get);

    /** Moves both the fake clock and the channel's scheduler. */
    private void pass(long nanos) {
        now.addAndGet(nanos);
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void closesAfterTheIdlePeriod() {
        channel.freezeTime();
        idle.start();
        pass(30 * S - 1);
        assertThat(channel.isOpen()).isTrue();
        pass(1);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void activityStartsThePeriodAgain() {
        channel.freezeTime();
        idle.start();
        pass(20 * S);
        idle.touch();
        pass(20 * S); // the first check finds 10 s left
        assertThat(channel.isOpen()).isTrue();
        pass(10 * S);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void neverClosesWhileBusyAndCountsFromTheLastTouch() {
        channel.freezeTime();
        idle.start();
        busy.set(true);
        pass(95 * S);
        assertThat(channel.isOpen()).isTrue();
        busy.set(false);
        idle.touch(); // the exchange ended
        pass(29 * S);
        assertThat(channel.isOpen()).isTrue();
        pass(31 * S);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void stoppedMeansNoClose() {
        channel.freezeTime();
        idle.start();
        idle.stop();
        pass(60 * S);
        assertThat(channel.isOpen()).isTrue();
    }
}
