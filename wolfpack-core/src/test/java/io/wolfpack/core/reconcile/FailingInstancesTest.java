package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.wolfpack.core.reconcile.Fixtures.T0;
import static io.wolfpack.core.reconcile.Fixtures.instance;
import static org.assertj.core.api.Assertions.assertThat;

class FailingInstancesTest {
    private static InstanceStatus status(Instance i, InstanceState state, Health health, int restarts) {
        return new InstanceStatus(i.id(), i.service(), i.node(), i.revision(), state, health, "c", restarts, null, null, T0, null);
    }

    private final Instance a = instance("web-a", "web", 1, "n1", 1);
    private final Instance b = instance("web-b", "web", 1, "n2", 2);

    @Test
    void onlyAnInstanceRestartedThreeTimesThatStillServesNothingIsReplaced() {
        FailingInstances policy = new FailingInstances();
        var twice = Map.of("web-a", status(a, InstanceState.RUNNING, Health.FAILING, 2),
                "web-b", status(b, InstanceState.RUNNING, Health.PASSING, 7));
        assertThat(policy.toReplace("web", List.of(a, b), twice, T0)).isEmpty();

        var thrice = Map.of("web-a", status(a, InstanceState.BACKOFF, Health.UNKNOWN, 3),
                "web-b", status(b, InstanceState.RUNNING, Health.PASSING, 7));
        assertThat(policy.toReplace("web", List.of(a, b), thrice, T0)).contains("web-a");
    }

    @Test
    void replacementsOfOneServiceAreSpacedByADoublingBackoff() {
        FailingInstances policy = new FailingInstances();
        var failing = Map.of("web-a", status(a, InstanceState.RUNNING, Health.FAILING, 5));
        policy.replaced("web", T0);
        assertThat(policy.toReplace("web", List.of(a), failing, T0.plusSeconds(29))).isEmpty();
        assertThat(policy.toReplace("web", List.of(a), failing, T0.plusSeconds(30))).contains("web-a");
        policy.replaced("web", T0.plusSeconds(30));
        assertThat(policy.toReplace("web", List.of(a), failing, T0.plusSeconds(89))).isEmpty();
        assertThat(policy.toReplace("web", List.of(a), failing, T0.plusSeconds(90))).contains("web-a");
        // Another service is not held back by this one.
        Instance other = instance("api-a", "api", 1, "n1", 3);
        assertThat(policy.toReplace("api", List.of(other),
                Map.of("api-a", status(other, InstanceState.RUNNING, Health.FAILING, 4)), T0.plusSeconds(31))).contains("api-a");
    }

    @Test
    void theBackoffStartsOverAfterAQuietSpell() {
        FailingInstances policy = new FailingInstances();
        Instant t = T0;
        for (int k = 0; k < 8; k++) {
            policy.replaced("web", t);
            t = t.plus(Duration.ofMinutes(11));
        }
        var failing = Map.of("web-a", status(a, InstanceState.RUNNING, Health.FAILING, 5));
        Instant quiet = t.plus(FailingInstances.MAX_DELAY).plus(FailingInstances.MAX_DELAY);
        policy.replaced("web", quiet);
        assertThat(policy.toReplace("web", List.of(a), failing, quiet.plus(FailingInstances.FIRST_DELAY))).contains("web-a");
    }
}
