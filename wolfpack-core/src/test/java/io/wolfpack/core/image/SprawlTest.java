package io.wolfpack.core.image;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.wolfpack.core.image.LineageFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class SprawlTest {
    private static final List<RunningImage> RUNNING = List.of(
            new RunningImage("web-frontend", HOSTS + "apps/web:1.0", 2),
            new RunningImage("web-frontend", HOSTS + "apps/web@" + WEB, 1),
            new RunningImage("web-frontend", HOSTS + "apps/web:0.9", 1),
            new RunningImage("web-frontend", HOSTS + "apps/web:1.0", 1),
            new RunningImage("api", HOSTS + "apps/api@" + API, 1),
            new RunningImage("api", HOSTS + "apps/api:old", 0),
            new RunningImage("base-svc", HOSTS + "base@" + BASE_NEW, 1));

    @Test
    void countsDistinctLiveImagesPerService() {
        Sprawl.Report r = Sprawl.compute(RUNNING, builds(), NOW);
        assertThat(r.services()).extracting(Sprawl.ServiceVersions::service).containsExactly("api", "base-svc", "web-frontend");
        Sprawl.ServiceVersions web = r.services().get(2);
        assertThat(web.versions()).containsExactly(
                new Sprawl.LiveVersion(HOSTS + "apps/web:0.9", 1),
                new Sprawl.LiveVersion(HOSTS + "apps/web:1.0", 3),
                new Sprawl.LiveVersion(HOSTS + "apps/web@" + WEB, 1));
        assertThat(web.instances()).isEqualTo(5);
        assertThat(r.services().get(0).versions()).hasSize(1); // zero instances are not live
    }

    @Test
    void followsBasesTransitivelyWithTheAgeOfEachBuild() {
        Sprawl.Report r = Sprawl.compute(RUNNING, builds(), NOW);
        assertThat(r.bases()).extracting(Sprawl.BaseVersions::base).containsExactly("base", "debian", "runtime");

        Sprawl.BaseVersions base = r.bases().get(0);
        assertThat(base.versions()).singleElement().satisfies(v -> {
            assertThat(v.digest()).isEqualTo(BASE_OLD);
            assertThat(v.ref()).isEqualTo(BUILDER + "base@" + BASE_OLD);
            assertThat(v.age()).isEqualTo(Duration.ofDays(40));
            assertThat(v.images()).containsExactly("runtime");
            assertThat(v.services()).containsExactly("api", "web-frontend");
        });
        Sprawl.BaseVersions runtime = r.bases().get(2);
        assertThat(runtime.versions()).singleElement().satisfies(v -> {
            assertThat(v.age()).isEqualTo(Duration.ofDays(20));
            assertThat(v.images()).containsExactly("apps/api", "apps/web");
        });
        Sprawl.BaseVersions debian = r.bases().get(1);
        assertThat(debian.versions()).singleElement().satisfies(v -> {
            assertThat(v.builtAt()).isNull();
            assertThat(v.age()).isNull();
            assertThat(v.images()).containsExactly("base");
            assertThat(v.services()).containsExactly("api", "base-svc", "web-frontend");
        });
    }

    @Test
    void twoLiveBuildsOfABaseAreTwoVersionsOldestFirst() {
        List<RunningImage> running = List.of(
                new RunningImage("old", "runtime", 1),
                new RunningImage("new", "base@" + BASE_NEW, 1),
                new RunningImage("child", "child", 1));
        var builds = new java.util.LinkedHashMap<>(builds());
        builds.put("child", List.of(build("child", "latest", digest("child"), BUILDER + "base@" + BASE_NEW, BASE_NEW, NOW)));
        Sprawl.BaseVersions base = Sprawl.compute(running, builds, NOW).bases().get(0);
        assertThat(base.base()).isEqualTo("base");
        assertThat(base.versions()).extracting(Sprawl.BaseVersion::digest).containsExactly(BASE_OLD, BASE_NEW);
    }
}
