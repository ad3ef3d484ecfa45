package io.wolfpack.core.events;

import io.wolfpack.core.model.Event;
import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wolfpack.core.reconcile.Fixtures.T0;
import static io.wolfpack.core.reconcile.Fixtures.instance;
import static io.wolfpack.core.reconcile.Fixtures.running;
import static org.assertj.core.api.Assertions.assertThat;

class StatusEventsTest {
    private final Instance i = instance("web-a", "web", 1, "n1", 1);

    private InstanceStatus backoff(int restarts, String message) {
        return new InstanceStatus(i.id(), "web", "n1", 1, InstanceState.BACKOFF, Health.UNKNOWN, "c1", restarts, 1,
                message, T0, T0.plusSeconds(restarts));
    }

    @Test
    void startAndHealthProduceEventsAndAStartThatAlreadyPassesIsOne() {
        List<Event> e = StatusEvents.between(null, running(i, Health.PASSING), T0);
        assertThat(e).extracting(Event::type).containsExactly("instance.started");
        assertThat(e.get(0).message()).contains("health check passing");
        assertThat(StatusEvents.between(running(i, Health.UNKNOWN), running(i, Health.PASSING), T0))
                .extracting(Event::type).containsExactly("instance.healthy");
        assertThat(e.get(0).service()).isEqualTo("web");
        assertThat(e.get(0).instance()).isEqualTo("web-a");
    }

    @Test
    void anUnchangedStatusProducesNothing() {
        InstanceStatus s = running(i, Health.PASSING);
        assertThat(StatusEvents.between(s, s, T0)).isEmpty();
    }

    @Test
    void eachRestartInBackoffIsAnEventAndPullFailuresAreNamed() {
        assertThat(StatusEvents.between(running(i, Health.PASSING), backoff(1, "exited with code 1; restarting in 1s"), T0))
                .extracting(Event::type).contains("instance.backoff");
        assertThat(StatusEvents.between(backoff(1, "a"), backoff(2, "b"), T0)).extracting(Event::type).containsExactly("instance.backoff");
        assertThat(StatusEvents.between(null, backoff(0, "image pull failed: manifest unknown"), T0))
                .extracting(Event::type).containsExactly("instance.pull-failed");
    }

    @Test
    void failingHealthIsAnEvent() {
        assertThat(StatusEvents.between(running(i, Health.PASSING), running(i, Health.FAILING), T0))
                .extracting(Event::type).containsExactly("instance.unhealthy");
    }
}
