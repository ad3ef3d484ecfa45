package io.wolfpack.core.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wolfpack.core.image.LineageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VersionBudgetTest {

    @Test
    void tooManyVersionsAndTooOldABaseAreEachOneViolationWithAnAction() {
        List<RunningImage> running = List.of(
                new RunningImage("web", HOSTS + "apps/web:1.0", 2),
                new RunningImage("web", HOSTS + "apps/web:1.1", 1),
                new RunningImage("web", HOSTS + "apps/web:1.2", 1),
                new RunningImage("api", HOSTS + "apps/api@" + API, 1));
        List<BudgetViolation> v = VersionBudget.DEFAULT.check(Sprawl.compute(running, builds(), NOW));

        assertThat(v).hasSize(2);
        BudgetViolation versions = v.get(0);
        assertThat(versions.kind()).isEqualTo(BudgetViolation.Kind.SERVICE_VERSIONS);
        assertThat(versions.subject()).isEqualTo("web");
        assertThat(versions.actual()).isEqualTo(3);
        assertThat(versions.limit()).isEqualTo(2);
        assertThat(versions.message()).isEqualTo("service web runs 3 image versions (budget 2): "
                + HOSTS + "apps/web:1.0 (2 instances), " + HOSTS + "apps/web:1.1 (1 instance), " + HOSTS + "apps/web:1.2 (1 instance); "
                + "finish or roll back its rollout until at most 2 remain");
        BudgetViolation age = v.get(1);
        assertThat(age.kind()).isEqualTo(BudgetViolation.Kind.BASE_AGE);
        assertThat(age.subject()).isEqualTo(BUILDER + "base@" + BASE_OLD);
        assertThat(age.actual()).isEqualTo(40);
        assertThat(age.message()).contains("was built 40 days ago (budget 30)")
                .contains("under images runtime (services api, web)")
                .endsWith("rebuild base and run: wolfpack campaign start --base base");
    }

    @Test
    void withinBudgetNothingIsReported() {
        List<RunningImage> running = List.of(new RunningImage("web", HOSTS + "apps/web:1.0", 2), new RunningImage("web", "apps/web:1.1", 2));
        assertThat(new VersionBudget(2, 41).check(Sprawl.compute(running, builds(), NOW))).isEmpty();
        assertThat(new VersionBudget(1, 41).check(Sprawl.compute(running, builds(), NOW))).hasSize(1);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new VersionBudget(0, 30)).hasMessage("maxVersionsPerService must be at least 1, got 0");
        assertThatThrownBy(() -> new VersionBudget(2, 0)).hasMessage("maxBaseAgeDays must be at least 1, got 0");
    }
}
