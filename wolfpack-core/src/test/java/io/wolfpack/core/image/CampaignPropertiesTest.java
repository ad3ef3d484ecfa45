package io.wolfpack.core.image;

import io.wolfpack.core.image.Campaign.State;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Random runs of the state machine, driven only by what it says may start next. */
class CampaignPropertiesTest {
    private static final Instant T = Instant.parse("2025-06-01T12:00:00Z");

    @Property(tries = 300)
    void aRunDrivenByTheQueriesKeepsOrderLimitsAndHalts(@ForAll("dags") List<ImageNode> nodes, @ForAll long seed,
                                                        @ForAll @IntRange(min = 1, max = 4) int parallelism,
                                                        @ForAll @IntRange(min = 0, max = 20) int failOneIn) {
        Random r = new Random(seed);
        CampaignPlan plan = plan(LineageGraph.of(nodes), r);
        Campaign c = Campaign.start("p", plan, T);
        boolean failed = false;
        for (int step = 0; step < 500 && c.state() != State.DONE && c.state() != State.HALTED; step++) {
            List<String> building = inPhase(c, ImageStatus.Phase.BUILDING);
            List<String> rolling = c.services().entrySet().stream()
                    .filter(e -> e.getValue().phase() == ServiceStatus.Phase.ROLLING).map(Map.Entry::getKey).toList();
            List<String> ready = c.imagesReady(parallelism);
            List<String> wave = c.nextWave();
            int choice = r.nextInt(5);
            if (c.state() == State.PAUSED) {
                c = choice == 0 ? c.resume(T) : finishSome(c, building, rolling, r);
            } else if (choice == 0 && r.nextInt(10) == 0) {
                c = c.pause(T);
            } else if (choice <= 1 && !ready.isEmpty()) {
                c = c.imageBuilding(ready.get(r.nextInt(ready.size())), T);
            } else if (choice == 2 && !wave.isEmpty()) {
                c = c.serviceRolling(wave.get(r.nextInt(wave.size())), T);
            } else if (failOneIn > 0 && r.nextInt(failOneIn * 3) == 0 && !(building.isEmpty() && rolling.isEmpty())) {
                c = building.isEmpty() ? c.serviceFailed(rolling.get(0), "canary failed", T) : c.imageFailed(building.get(0), "build failed", T);
                failed = true;
            } else {
                c = finishSome(c, building, rolling, r);
            }
            assertInvariants(c, parallelism);
        }
        if (failed) {
            assertThat(c.state()).isEqualTo(State.HALTED);
            assertThat(c.haltReason()).isNotBlank();
        } else {
            assertThat(c.state()).isEqualTo(State.DONE);
            assertThat(c.images().values()).allMatch(s -> s.phase().complete());
        }
    }

    private static Campaign finishSome(Campaign c, List<String> building, List<String> rolling, Random r) {
        if (!building.isEmpty()) {
            String image = building.get(r.nextInt(building.size()));
            String method = r.nextBoolean() ? ImageBuild.BUILD : ImageBuild.REBASE;
            return c.imageDone(image, new ImageBuild(image, "latest", LineageFixtures.digest(image), "x", null, List.of(), "/repo",
                    "rev", image + "/Dockerfile", T, method, ""), T);
        }
        if (!rolling.isEmpty()) return c.serviceDone(rolling.get(r.nextInt(rolling.size())), T);
        return c;
    }

    private static void assertInvariants(Campaign c, int parallelism) {
        assertThat(inPhase(c, ImageStatus.Phase.BUILDING)).hasSizeLessThanOrEqualTo(parallelism);
        for (var e : c.images().entrySet()) {
            if (e.getValue().phase() == ImageStatus.Phase.PENDING) continue;
            if (e.getValue().phase() == ImageStatus.Phase.FAILED) continue;
            assertThat(c.plan().dependenciesOf(e.getKey())).allMatch(d -> c.images().get(d).phase().complete());
        }
        boolean anyServiceStarted = c.services().values().stream().anyMatch(s -> s.phase() != ServiceStatus.Phase.PENDING);
        if (anyServiceStarted && c.images().values().stream().noneMatch(s -> s.phase() == ImageStatus.Phase.FAILED)) {
            assertThat(c.imagesComplete()).isTrue();
        }
        List<List<String>> waves = c.plan().serviceWaves();
        for (int w = 1; w < waves.size(); w++) {
            boolean started = waves.get(w).stream().anyMatch(s -> c.services().get(s).phase() != ServiceStatus.Phase.PENDING);
            if (started) {
                for (int before = 0; before < w; before++) {
                    assertThat(waves.get(before)).allMatch(s -> c.services().get(s).phase() == ServiceStatus.Phase.DONE);
                }
            }
        }
        if (c.state() == State.HALTED) {
            assertThat(c.imagesReady(parallelism)).isEmpty();
            assertThat(c.nextWave()).isEmpty();
        }
    }

    private static List<String> inPhase(Campaign c, ImageStatus.Phase phase) {
        return c.images().entrySet().stream().filter(e -> e.getValue().phase() == phase).map(Map.Entry::getKey).toList();
    }

    private static CampaignPlan plan(LineageGraph g, Random r) {
        Map<String, List<String>> deps = new LinkedHashMap<>();
        g.names().forEach(n -> deps.put(n, g.dependencies(n)));
        List<String> services = new ArrayList<>();
        for (int i = 0, n = r.nextInt(7); i < n; i++) services.add("s" + i);
        int size = 1 + r.nextInt(3);
        List<List<String>> waves = new ArrayList<>();
        for (int i = 0; i < services.size(); i += size) waves.add(services.subList(i, Math.min(services.size(), i + size)));
        return new CampaignPlan("root", g.buildLevels(), waves, deps);
    }

    @Provide
    Arbitrary<List<ImageNode>> dags() {
        return new LineageGraphPropertiesTest().dags();
    }
}
