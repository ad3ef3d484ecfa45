package io.wolfpack.core.image;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.wolfpack.core.image.LineageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AffectedSetTest {
    private final LineageGraph graph = graph();

    @Test
    void aBaseReachesEveryDescendantAndTheServicesRunningThem() {
        AffectedSet.Result r = AffectedSet.compute(graph, "base", builds(), uses());

        assertThat(r.roots()).containsExactly("base");
        assertThat(r.images()).containsExactly(List.of("runtime"), List.of("apps/api", "apps/batch", "apps/web", "apps/worker"));
        assertThat(r.services()).extracting(AffectedService::service).containsExactly("api", "batch", "web-frontend");
        AffectedService web = r.services().get(2);
        assertThat(web.image()).isEqualTo(HOSTS + "apps/web:1.0");
        assertThat(web.matchedImage()).isEqualTo("apps/web");
        assertThat(web.hosts()).containsExactly("n1", "n2", "n3");
        assertThat(r.services().get(1).hosts()).containsExactly("n1");
        assertThat(r.imageCount()).isEqualTo(5);
        assertThat(r.serviceCount()).isEqualTo(3);
        assertThat(r.instanceCount()).isEqualTo(6);
        assertThat(r.hostCount()).isEqualTo(3);
    }

    @Test
    void theRegistryHostDoesNotMatterButTheRepositoryDoes() {
        List<ServiceUse> uses = List.of(
                new ServiceUse("a", BUILDER + "apps/web:2.0", List.of()),
                new ServiceUse("b", "registry.example:443/apps/web", List.of()),
                new ServiceUse("c", HOSTS + "apps/webby:1.0", List.of()),
                new ServiceUse("d", HOSTS + "runtime:latest", List.of()));
        assertThat(AffectedSet.compute(graph, "runtime", builds(), uses).services())
                .extracting(AffectedService::service).containsExactly("a", "b", "d");
    }

    @Test
    void aServiceRunningARecordedDigestUnderAnotherNameMatches() {
        List<ServiceUse> uses = List.of(new ServiceUse("mirror", "mirror.local:5000/copies/thing@" + WEB, List.of()));
        AffectedSet.Result r = AffectedSet.compute(graph, "runtime", builds(), uses);
        assertThat(r.services()).singleElement().satisfies(s -> assertThat(s.matchedImage()).isEqualTo("apps/web"));
    }

    @Test
    void aLeafReachesOnlyItsOwnServices() {
        AffectedSet.Result r = AffectedSet.compute(graph, HOSTS + "apps/web:1.0", builds(), uses());
        assertThat(r.roots()).containsExactly("apps/web");
        assertThat(r.images()).isEmpty();
        assertThat(r.services()).extracting(AffectedService::service).containsExactly("web-frontend");
    }

    @Test
    void anExternalImageReachesWhatStandsOnItOrReadsIt() {
        AffectedSet.Result r = AffectedSet.compute(graph, "busybox", builds(), uses());
        assertThat(r.roots()).isEmpty();
        assertThat(r.images()).containsExactly(List.of("tools"), List.of("apps/batch"));
        assertThat(r.services()).extracting(AffectedService::service).containsExactly("batch");
        assertThat(AffectedSet.compute(graph, "golang", builds(), uses()).images()).containsExactly(List.of("apps/batch"));
    }

    @Test
    void aDigestReachesTheBuildsMadeOnItTransitively() {
        AffectedSet.Result r = AffectedSet.compute(graph, BASE_OLD, builds(), uses());
        assertThat(r.roots()).containsExactly("base");
        assertThat(r.images()).containsExactly(List.of("runtime"), List.of("apps/api", "apps/batch", "apps/web"));
        // batch runs by bare name: the newest build tagged latest is on the old base.
        assertThat(r.services()).extracting(AffectedService::service).containsExactly("api", "batch", "web-frontend");
    }

    @Test
    void aDigestNothingWasBuiltOnReachesNothing() {
        AffectedSet.Result r = AffectedSet.compute(graph, BASE_NEW, builds(), uses());
        assertThat(r.roots()).containsExactly("base");
        assertThat(r.images()).isEmpty();
        assertThat(r.services()).isEmpty();
    }

    @Test
    void aDigestFollowsInputsAndExternalBases() {
        AffectedSet.Result r = AffectedSet.compute(graph, BUSYBOX, builds(), uses());
        assertThat(r.roots()).isEmpty();
        assertThat(r.images()).containsExactly(List.of("tools"), List.of("apps/batch"));
    }

    @Test
    void aServiceOnANewerBuildOfTheTagIsNotAffectedByTheOldDigest() {
        Map<String, List<ImageBuild>> builds = new java.util.LinkedHashMap<>(builds());
        List<ImageBuild> web = new java.util.ArrayList<>(builds.get("apps/web"));
        web.add(build("apps/web", "1.0", digest("web-2"), BUILDER + "runtime@" + digest("runtime-2"), digest("runtime-2"), NOW));
        builds.put("apps/web", web);
        AffectedSet.Result r = AffectedSet.compute(graph, BASE_OLD, builds, uses());
        assertThat(r.services()).extracting(AffectedService::service).containsExactly("api", "batch");
    }

    @Test
    void badQueriesSayWhatIsWrong() {
        assertThatThrownBy(() -> AffectedSet.compute(graph, "sha256:abc", builds(), uses()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 lower-case hex digits");
        assertThatThrownBy(() -> AffectedSet.compute(graph, "Base", builds(), uses()))
                .hasMessageContaining("'Base' is neither an image name nor a digest").hasMessageContaining("must be lower-case");
        assertThatThrownBy(() -> AffectedSet.compute(graph, "nginx", builds(), uses()))
                .hasMessageStartingWith("no image 'nginx' in the lineage and no image is built on it; images: apps/api");
        List<ServiceUse> bad = List.of(new ServiceUse("odd", "UPPER/case", List.of()));
        assertThatThrownBy(() -> AffectedSet.compute(graph, "base", builds(), bad)).hasMessageStartingWith("service 'odd' image 'UPPER/case'");
    }
}
