package io.wolfpack.core.image;

import io.wolfpack.core.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.wolfpack.core.image.LineageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** The lead keeps these records as JSON in ZooKeeper with the strict shared mapper: they must come back equal. */
class ImageJsonTest {

    @Test
    void aCampaignRoundTrips() {
        CampaignPlan plan = CampaignPlanner.plan("base", graph(), builds(), uses(), 1);
        Instant t = NOW.plusSeconds(5);
        Campaign c = Campaign.start("c1", plan, NOW).imageBuilding("runtime", t)
                .imageDone("runtime", build("runtime", "latest", digest("r2"), BUILDER + "base@" + BASE_NEW, BASE_NEW, t), t)
                .imageFailed("apps/web", "COPY failed", t);

        String json = Json.text(c);
        assertThat(json).contains("\"state\":\"halted\"").contains("\"phase\":\"built\"").contains("\"phase\":\"failed\"");
        assertThat(Json.read(json, Campaign.class)).isEqualTo(c);
    }

    @Test
    void aPlanMadeWithoutDependenciesRoundTripsWithThem() {
        CampaignPlan plan = new CampaignPlan("base", List.of(List.of("a"), List.of("b")), List.of(List.of("s")));
        assertThat(Json.read(Json.text(plan), CampaignPlan.class)).isEqualTo(plan);
    }

    @Test
    void reportsRoundTrip() {
        AffectedSet.Result affected = AffectedSet.compute(graph(), "base", builds(), uses());
        assertThat(Json.read(Json.text(affected), AffectedSet.Result.class)).isEqualTo(affected);

        Sprawl.Report sprawl = Sprawl.compute(List.of(new RunningImage("web", HOSTS + "apps/web:1.0", 2)), builds(), NOW);
        assertThat(Json.read(Json.text(sprawl), Sprawl.Report.class)).isEqualTo(sprawl);

        BudgetViolation v = VersionBudget.DEFAULT.check(sprawl).get(0);
        String json = Json.text(v);
        assertThat(json).contains("\"kind\":\"base-age\"");
        assertThat(Json.read(json, BudgetViolation.class)).isEqualTo(v);
    }
}
