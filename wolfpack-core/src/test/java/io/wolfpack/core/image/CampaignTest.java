package io.wolfpack.core.image;

import io.wolfpack.core.image.Campaign.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    // runtime, then web + api + batch (batch also reads tools, rebuilt too)
    private static final CampaignPlan PLAN = new CampaignPlan("base",
            List.of(List.of("runtime", "tools"), List.of("api", "batch", "web")),
            List.of(List.of("svc-a"), List.of("svc-b", "svc-c")),
            Map.of("runtime", List.of(), "tools", List.of(), "api", List.of("runtime"), "web", List.of("runtime"),
                    "batch", List.of("runtime", "tools")));

    private static Campaign started() {
        return Campaign.start("c1", PLAN, T0);
    }

    private static ImageBuild built(String image, String method, String note) {
        return new ImageBuild(image, "latest", LineageFixtures.digest(image + "-new"), "127.0.0.1:5000/x", null, List.of(),
                "/repo", "def456", image + "/Dockerfile", T1, method, note);
    }

    private static Campaign allImagesBuilt() {
        Campaign c = started();
        for (String i : List.of("runtime", "tools", "api", "batch", "web")) {
            c = c.imageBuilding(i, T1).imageDone(i, built(i, ImageBuild.BUILD, ""), T1);
        }
        return c;
    }

    @Test
    void startsRunningWithEverythingPending() {
        Campaign c = started();
        assertThat(c.state()).isEqualTo(State.RUNNING);
        assertThat(c.base()).isEqualTo("base");
        assertThat(c.images()).containsOnlyKeys("runtime", "tools", "api", "batch", "web").allSatisfy((k, v) -> assertThat(v).isEqualTo(ImageStatus.PENDING));
        assertThat(c.services()).containsOnlyKeys("svc-a", "svc-b", "svc-c");
        assertThat(c.startedAt()).isEqualTo(T0);
        assertThat(c.haltReason()).isNull();
    }

    @Test
    void imagesBecomeReadyAsTheirDependenciesAreBuiltWithinTheParallelismLimit() {
        Campaign c = started();
        assertThat(c.imagesReady(4)).containsExactly("runtime", "tools");
        assertThat(c.imagesReady(1)).containsExactly("runtime");
        c = c.imageBuilding("runtime", T1);
        assertThat(c.imagesReady(1)).isEmpty();
        assertThat(c.imagesReady(2)).containsExactly("tools");
        c = c.imageDone("runtime", built("runtime", ImageBuild.REBASE, "layers start with the old base"), T1);
        assertThat(c.imagesReady(4)).containsExactly("tools", "api", "web");
        c = c.imageBuilding("tools", T1).imageDone("tools", built("tools", ImageBuild.BUILD, "rebase unsafe: base changed architecture"), T1);
        assertThat(c.imagesReady(4)).containsExactly("api", "batch", "web");

        assertThat(c.images().get("runtime")).satisfies(s -> {
            assertThat(s.phase()).isEqualTo(ImageStatus.Phase.REBASED);
            assertThat(s.note()).isEqualTo("layers start with the old base");
            assertThat(s.digest()).isEqualTo(LineageFixtures.digest("runtime-new"));
        });
        assertThat(c.images().get("tools").phase()).isEqualTo(ImageStatus.Phase.BUILT);
        assertThat(c.updatedAt()).isEqualTo(T1);
    }

    @Test
    void servicesRollWaveByWaveOnlyOnceAllImagesAreBuilt() {
        Campaign c = started();
        assertThat(c.nextWave()).isEmpty();
        Campaign early = c;
        assertThatThrownBy(() -> early.serviceRolling("svc-a", T1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("service svc-a cannot roll out yet: images not built: api (pending), batch (pending), runtime (pending), tools (pending), web (pending)");

        c = allImagesBuilt();
        assertThat(c.nextWave()).containsExactly("svc-a");
        Campaign wave1 = c;
        assertThatThrownBy(() -> wave1.serviceRolling("svc-b", T1))
                .hasMessage("service svc-b is in wave 2, but wave 1 is not finished: svc-a (pending)");
        c = c.serviceRolling("svc-a", T1);
        assertThat(c.nextWave()).isEmpty();
        c = c.serviceDone("svc-a", T1);
        assertThat(c.nextWave()).containsExactly("svc-b", "svc-c");
        c = c.serviceRolling("svc-b", T1);
        assertThat(c.nextWave()).containsExactly("svc-c");
        c = c.serviceRolling("svc-c", T1).serviceDone("svc-b", T1);
        assertThat(c.state()).isEqualTo(State.RUNNING);
        c = c.serviceDone("svc-c", T1);
        assertThat(c.state()).isEqualTo(State.DONE);
        assertThat(c.currentWave()).isEqualTo(-1);
    }

    @Test
    void theFirstFailedCanaryHaltsAndLeavesDoneAndUntouchedServicesAlone() {
        Campaign c = allImagesBuilt().serviceRolling("svc-a", T1).serviceDone("svc-a", T1)
                .serviceRolling("svc-b", T1).serviceRolling("svc-c", T1)
                .serviceFailed("svc-b", "canary 40 errors in 40 tries", T1);

        assertThat(c.state()).isEqualTo(State.HALTED);
        assertThat(c.haltReason()).isEqualTo("service svc-b failed: canary 40 errors in 40 tries");
        assertThat(c.services().get("svc-a").phase()).isEqualTo(ServiceStatus.Phase.DONE);
        assertThat(c.services().get("svc-b")).isEqualTo(new ServiceStatus(ServiceStatus.Phase.FAILED, "canary 40 errors in 40 tries"));
        assertThat(c.nextWave()).isEmpty();

        // svc-c was already rolling: its outcome is still recorded, the first reason stays.
        c = c.serviceFailed("svc-c", "also bad", T1);
        assertThat(c.haltReason()).isEqualTo("service svc-b failed: canary 40 errors in 40 tries");
        assertThat(c.services().get("svc-c").phase()).isEqualTo(ServiceStatus.Phase.FAILED);
    }

    @Test
    void aFailedImageHaltsAndNothingElseStarts() {
        Campaign c = started().imageBuilding("runtime", T1).imageBuilding("tools", T1)
                .imageFailed("runtime", "RUN apt-get failed: exit 100", T1);
        assertThat(c.state()).isEqualTo(State.HALTED);
        assertThat(c.haltReason()).isEqualTo("image runtime failed: RUN apt-get failed: exit 100");
        assertThat(c.imagesReady(8)).isEmpty();
        Campaign halted = c;
        assertThatThrownBy(() -> halted.imageBuilding("api", T1))
                .hasMessage("cannot start building image api: campaign c1 is halted (image runtime failed: RUN apt-get failed: exit 100)");
        c = c.imageDone("tools", built("tools", ImageBuild.BUILD, ""), T1);
        assertThat(c.images().get("tools").phase()).isEqualTo(ImageStatus.Phase.BUILT);
        assertThat(c.images().get("api")).isEqualTo(ImageStatus.PENDING);
        assertThat(c.abort(T1).state()).isEqualTo(State.ABORTED);
    }

    @Test
    void pauseStopsNewWorkButRecordsWorkUnderWay() {
        Campaign c = started().imageBuilding("runtime", T1).pause(T1);
        assertThat(c.state()).isEqualTo(State.PAUSED);
        assertThat(c.imagesReady(4)).isEmpty();
        Campaign paused = c;
        assertThatThrownBy(() -> paused.imageBuilding("tools", T1))
                .hasMessage("cannot start building image tools: campaign c1 is paused; resume it first");
        c = c.imageDone("runtime", built("runtime", ImageBuild.BUILD, ""), T1).resume(T1);
        assertThat(c.state()).isEqualTo(State.RUNNING);
        assertThat(c.imagesReady(4)).containsExactly("tools", "api", "web");
    }

    @Test
    void operatorTransitionsOutOfPlaceAreRefused() {
        Campaign c = started();
        assertThatThrownBy(() -> c.resume(T1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("campaign c1 cannot be resumed: it is running; only a paused campaign can be resumed");
        Campaign halted = c.imageFailed("runtime", "boom", T1);
        assertThatThrownBy(() -> halted.pause(T1)).hasMessage("campaign c1 cannot be paused: it is halted (image runtime failed: boom); only a running campaign can be paused");
        assertThatThrownBy(() -> halted.resume(T1)).hasMessageContaining("only a paused campaign can be resumed");
        Campaign aborted = halted.abort(T1);
        assertThatThrownBy(() -> aborted.abort(T1)).hasMessage("campaign c1 cannot be aborted: it is aborted (image runtime failed: boom); it is already over");
    }

    @Test
    void imageAndServiceTransitionsOutOfPlaceAreRefused() {
        Campaign c = started();
        assertThatThrownBy(() -> c.imageDone("runtime", built("runtime", ImageBuild.BUILD, ""), T1))
                .isInstanceOf(IllegalStateException.class).hasMessage("image runtime of campaign c1 is pending, not building");
        assertThatThrownBy(() -> c.imageBuilding("api", T1))
                .hasMessage("image api cannot build yet: it waits for runtime (pending)");
        assertThatThrownBy(() -> c.imageBuilding("nope", T1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("image 'nope' is not part of campaign c1; images: api, batch");
        Campaign building = c.imageBuilding("runtime", T1);
        assertThatThrownBy(() -> building.imageDone("runtime", built("tools", ImageBuild.BUILD, ""), T1))
                .hasMessage("build of 'tools' recorded as the result of image 'runtime'");
        Campaign ready = allImagesBuilt();
        assertThatThrownBy(() -> ready.serviceDone("svc-a", T1)).hasMessage("service svc-a of campaign c1 is pending, not rolling");
        Campaign done = ready.serviceRolling("svc-a", T1).serviceDone("svc-a", T1);
        assertThatThrownBy(() -> done.serviceFailed("svc-a", "late", T1)).hasMessage("service svc-a of campaign c1 is done, not pending or rolling");
        assertThatThrownBy(() -> c.imagesReady(0)).hasMessage("parallelism must be at least 1, got 0");
    }

    @Test
    void aCampaignWithNothingToDoIsDoneAtOnce() {
        Campaign c = Campaign.start("c2", new CampaignPlan("leaf", List.of(), List.of()), T0);
        assertThat(c.state()).isEqualTo(State.DONE);
        assertThatThrownBy(() -> c.abort(T1)).hasMessageContaining("it is already over");
    }
}
