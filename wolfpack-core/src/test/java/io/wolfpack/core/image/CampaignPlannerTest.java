package io.wolfpack.core.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wolfpack.core.image.LineageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignPlannerTest {
    private final LineageGraph graph = graph();

    @Test
    void descendantsByLevelAndServicesSmallestFirst() {
        CampaignPlan plan = CampaignPlanner.plan("base", graph, builds(), uses(), CampaignPlanner.DEFAULT_WAVE_SIZE);

        assertThat(plan.base()).isEqualTo("base");
        assertThat(plan.imageLevels()).containsExactly(List.of("runtime"), List.of("apps/api", "apps/batch", "apps/web", "apps/worker"));
        // api 1 instance, batch 2, web-frontend 3
        assertThat(plan.serviceWaves()).containsExactly(List.of("api"), List.of("batch"), List.of("web-frontend"));
        assertThat(plan.dependenciesOf("apps/batch")).containsExactly("runtime"); // tools is not rebuilt
        assertThat(plan.dependenciesOf("runtime")).isEmpty();
    }

    @Test
    void wavesAreChunksOfTheOrderAndTiesGoByName() {
        List<ServiceUse> uses = List.of(
                new ServiceUse("zeta", "apps/web", List.of(new InstanceUse("z1", "n1"))),
                new ServiceUse("alpha", "apps/api", List.of(new InstanceUse("a1", "n1"))),
                new ServiceUse("big", "apps/api", List.of(new InstanceUse("b1", "n1"), new InstanceUse("b2", "n2"))));
        AffectedSet.Result affected = AffectedSet.compute(graph, "base", builds(), uses);
        assertThat(CampaignPlanner.plan("base", graph, affected, 2).serviceWaves())
                .containsExactly(List.of("alpha", "zeta"), List.of("big"));
    }

    @Test
    void aLeafHasNothingToRebuild() {
        CampaignPlan plan = CampaignPlanner.plan("apps/web", graph, builds(), uses(), 1);
        assertThat(plan.imageLevels()).isEmpty();
        assertThat(plan.serviceWaves()).containsExactly(List.of("web-frontend"));
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> CampaignPlanner.plan("base", graph, builds(), uses(), 0))
                .hasMessage("waveSize must be at least 1, got 0");
        assertThatThrownBy(() -> CampaignPlanner.plan("busybox", graph, builds(), uses(), 1))
                .hasMessageStartingWith("no image 'busybox' in the lineage to start a campaign on; images: apps/api");
    }

    @Test
    void aPlanWithoutDependenciesWaitsLevelByLevel() {
        CampaignPlan plan = new CampaignPlan("base", List.of(List.of("a", "b"), List.of("c")), List.of(List.of("s")));
        assertThat(plan.dependenciesOf("c")).containsExactly("a", "b");
        assertThat(plan.dependenciesOf("a")).isEmpty();
        assertThat(plan.waveOf("s")).isZero();
        assertThat(plan.waveOf("t")).isEqualTo(-1);
        assertThatThrownBy(() -> new CampaignPlan("base", List.of(List.of("a")), List.of(), java.util.Map.of("a", List.of("x"))))
                .hasMessage("image 'a' depends on 'x', which is not in the plan's levels");
    }
}
