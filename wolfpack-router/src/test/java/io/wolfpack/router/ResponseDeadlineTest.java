package io.wolfpack.router;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ResponseDeadlineTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final ResponseDeadline deadline = new ResponseDeadline(channel.eventLoop(), now::get);
    private final AtomicInteger expired = new AtomicInteger();

    @BeforeEach
    void freeze() {
        channel.freezeTime();
    }

    private void pass(long nanos) {
        now.addAndGet(nanos);
        channel.advanceTimeBy(nanos, TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }

    @Test
    void expiresOnceAtTheDeadline() {
        deadline.arm(30 * S, expired::incrementAndGet);
        pass(30 * S - 1);
        assertThat(expired).hasValue(0);
        pass(1);
        assertThat(expired).hasValue(1);
        pass(60 * S);
        assertThat(expired).hasValue(1);
    }

    @Test
    void disarmedDoesNotExpire() {
        deadline.arm(30 * S, expired::incrementAndGet);
        deadline.disarm();
        pass(60 * S);
        assertThat(expired).hasValue(0);
    }

    @Test
    void reArmingMovesTheDeadlineOfTheNextRequest() {
        deadline.arm(30 * S, expired::incrementAndGet);
        pass(20 * S);
        deadline.disarm(); // the response came
        deadline.arm(30 * S, expired::incrementAndGet); // the next request: due 30 s from now, not 10
        pass(10 * S);
        assertThat(expired).hasValue(0);
        pass(20 * S - 1);
        assertThat(expired).hasValue(0);
        pass(1);
        assertThat(expired).hasValue(1);
    }

    @Test
    void aShorterTimeoutIsNotHeldUpByALongerPendingCheck() {
        deadline.arm(30 * S, expired::incrementAndGet);
        deadline.disarm();
        deadline.arm(S, expired::incrementAndGet);
        pass(S);
        assertThat(expired).hasValue(1);
    }

    @Test
    void stoppedDoesNotExpire() {
        deadline.arm(S, expired::incrementAndGet);
        deadline.stop();
        pass(10 * S);
        assertThat(expired).hasValue(0);
    }
}
