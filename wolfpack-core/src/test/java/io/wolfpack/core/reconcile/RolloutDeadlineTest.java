package io.wolfpack.core.reconcile;

import io.wolfpack.core.model.Health;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.model.InstanceState;
import io.wolfpack.core.model.InstanceStatus;
import io.wolfpack.core.model.RolloutFailure;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.core.spec.ServiceSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.wolfpack.core.reconcile.Fixtures.T0;
import static io.wolfpack.core.reconcile.Fixtures.instance;
import static io.wolfpack.core.reconcile.Fixtures.running;
import static io.wolfpack.core.reconcile.Fixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

class RolloutDeadlineTest {
    private final ServiceSpec v1 = spec("web", 2);
    private final ServiceSpec v2 = new ServiceSpec("web", "registry.local/web:2", 2, v1.command(), v1.env(), v1.resources(),
            v1.ports(), v1.health(), v1.route(), v1.placement(), v1.update());
    private final ServiceRecord rev2 = new ServiceRecord(v2, 2, T0, T0);
    private final Instance old1 = instance("web-a", "web", 1, "n1", 1);
    private final Instance old2 = instance("web-b", "web", 1, "n2", 2);
    private final Instance new1 = instance("web-c", "web", 2, "n1", 3);
    private final Map<String, InstanceStatus> statuses = Map.of(
            "web-a", running(old1, Health.PASSING), "web-b", running(old2, Health.PASSING),
            "web-c", new InstanceStatus("web-c", "web", "n1", 2, InstanceState.RUNNING, Health.FAILING, "c", 0, null,
                    "GET /healthz returned 500", T0, null));

    @Test
    void aRolloutStillOpenAfterItsDeadlineGoesBackToTheOldRevision() {
        var back = RolloutDeadline.check(rev2, List.of(old1, old2, new1), statuses, Map.of(1L, v1, 2L, v2),
                T0.plusSeconds(601));
        assertThat(back).hasValueSatisfying(r -> {
            assertThat(r.revision()).isEqualTo(1);
            assertThat(r.spec().image()).isEqualTo(v1.image());
            assertThat(r.failed().revision()).isEqualTo(2);
            assertThat(r.failed().reason()).contains("0 of 2 instances of revision 2 serving")
                    .contains("web-c: GET /healthz returned 500");
        });
    }

    @Test
    void nothingHappensBeforeTheDeadlineOrOnceTheOldInstancesAreGone() {
        assertThat(RolloutDeadline.check(rev2, List.of(old1, old2, new1), statuses, Map.of(1L, v1, 2L, v2),
                T0.plusSeconds(599))).isEmpty();
        assertThat(RolloutDeadline.check(rev2, List.of(new1), statuses, Map.of(1L, v1, 2L, v2), T0.plusSeconds(601))).isEmpty();
    }

    @Test
    void aRollbackIsNeverRolledBackOntoTheRevisionThatFailed() {
        ServiceRecord rolledBack = new ServiceRecord(v1, 1, T0, T0, new RolloutFailure(2, T0, "deadline"));
        assertThat(RolloutDeadline.check(rolledBack, List.of(old1, new1), statuses, Map.of(1L, v1, 2L, v2),
                T0.plusSeconds(601))).isEmpty();
    }
}
