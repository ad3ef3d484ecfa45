package io.wolfpack.images.registry;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.wolfpack.images.registry.TestImages.empty;
import static io.wolfpack.images.registry.TestImages.image;
import static io.wolfpack.images.registry.TestImages.run;
import static org.assertj.core.api.Assertions.assertThat;

class RebasePolicyTest {
    private final RebaseImage oldBase = image("base:1", "a", "b", "c");
    private final RebaseImage newBase = image("base:2", "a", "b2", "c2", "d2");
    private final RebaseImage app = image("app:1", "a", "b", "c", "x", "y");

    @Test
    void anImageBuiltOnTheOldBaseMovesToANewBaseOfTheSamePlatform() {
        RebaseDecision d = RebasePolicy.decide(app, oldBase, newBase);
        assertThat(d.safe()).as(d.reason()).isTrue();
        assertThat(d.oldBaseLayers()).isEqualTo(3);
        assertThat(d.reason()).isEmpty();
    }

    @Test
    void anImageWithNoLayersOfItsOwnIsSafeToo() {
        assertThat(RebasePolicy.decide(image("app:1", "a", "b", "c"), oldBase, newBase).safe()).isTrue();
    }

    @Test
    void anImageNotBuiltOnTheOldBaseIsRefusedNamingTheFirstDifferentLayer() {
        RebaseDecision d = RebasePolicy.decide(image("app:1", "a", "q", "c", "x"), oldBase, newBase);
        assertThat(d.safe()).isFalse();
        assertThat(d.reasons()).singleElement().asString()
                .startsWith("layers do not start with the old base's 3 layers (layer 2 is " + TestImages.layer("q").substring(0, 19))
                .contains("the old base's is " + TestImages.layer("b").substring(0, 19));
    }

    @Test
    void anImageWithFewerLayersThanTheOldBaseIsRefused() {
        RebaseDecision d = RebasePolicy.decide(image("app:1", "a", "b"), oldBase, newBase);
        assertThat(d.reason()).contains("layers do not start with the old base's 3 layers: the image has only 2");
    }

    @Test
    void matchingLayersWithDifferentDiffIdsAreRefused() {
        RebaseImage odd = new RebaseImage("app:1", app.manifest(),
                TestImages.config("linux", "amd64", TestImages.defaultHistory("a", "b", "c", "x", "y"), "a", "B", "c", "x", "y"));
        RebaseDecision d = RebasePolicy.decide(odd, oldBase, newBase);
        assertThat(d.safe()).isFalse();
        assertThat(d.reason()).startsWith("rootfs.diff_ids do not start with the old base's 3 diff_ids (diff_id 2 is");
    }

    @Test
    void aNewBaseForAnotherArchitectureOrOsIsRefused() {
        RebaseImage arm = image("base:2", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "arm64",
                TestImages.defaultHistory("a"), "a");
        assertThat(RebasePolicy.decide(app, oldBase, arm).reasons()).containsExactly("architecture changes amd64 → arm64");

        RebaseImage windows = image("base:2", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "windows", "arm64",
                TestImages.defaultHistory("a"), "a");
        assertThat(RebasePolicy.decide(app, oldBase, windows).reasons())
                .containsExactly("os changes linux → windows", "architecture changes amd64 → arm64");
    }

    @Test
    void everyReasonIsReportedAtOnce() {
        RebaseImage arm = image("base:2", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "arm64",
                TestImages.defaultHistory("a"), "a");
        RebaseDecision d = RebasePolicy.decide(image("app:1", "z", "b", "c", "x"), oldBase, arm);
        assertThat(d.reasons()).hasSize(2);
        assertThat(d.reason()).contains("layers do not start").contains("; architecture changes amd64 → arm64");
    }

    @Test
    void aConfigWhoseHistoryOrDiffIdsDoNotMatchItsLayersIsRefused() {
        RebaseImage badHistory = image("app:1", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "amd64",
                List.of(run("RUN a"), empty("ENV X=1")), "a", "b", "c", "x");
        assertThat(RebasePolicy.decide(badHistory, oldBase, newBase).reasons())
                .containsExactly("app:1's history has 1 non-empty entries for 4 layers");

        RebaseImage badIds = new RebaseImage("app:1", app.manifest(), TestImages.config("linux", "amd64", List.of(), "a", "b", "c"));
        assertThat(RebasePolicy.decide(badIds, oldBase, newBase).reasons())
                .containsExactly("app:1's config lists 3 rootfs.diff_ids for 5 layers");
    }

    @Test
    void aNewBaseWithoutHistoryCannotBeSplicedIntoAnImageWithHistory() {
        RebaseImage bare = image("base:2", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "amd64", List.of(), "a2");
        assertThat(RebasePolicy.decide(app, oldBase, bare).reason()).contains("the new base's config has no history");
    }

    @Test
    void layersOfTheOtherManifestFormatAreAcceptedWhenTheyConvertAndRefusedWhenNot() {
        RebaseImage ociBase = image("base:2", MediaTypes.OCI_MANIFEST, MediaTypes.OCI_LAYER, "linux", "amd64",
                TestImages.defaultHistory("a2"), "a2");
        assertThat(RebasePolicy.decide(app, oldBase, ociBase).safe()).isTrue();

        RebaseImage zstd = image("base:2", MediaTypes.OCI_MANIFEST, "application/vnd.oci.image.layer.v1.tar+zstd", "linux", "amd64",
                TestImages.defaultHistory("a2"), "a2");
        assertThat(RebasePolicy.decide(app, oldBase, zstd).reasons()).containsExactly(
                "the new base's layer 1 (application/vnd.oci.image.layer.v1.tar+zstd) cannot go into a "
                        + MediaTypes.DOCKER_MANIFEST + " manifest");
    }

    @Test
    void anImageOfAnotherPlatformThanItsBaseIsRefused() {
        RebaseImage armApp = image("app:1", MediaTypes.DOCKER_MANIFEST, MediaTypes.DOCKER_LAYER, "linux", "arm64",
                TestImages.defaultHistory("a", "b", "c", "x"), "a", "b", "c", "x");
        assertThat(RebasePolicy.decide(armApp, oldBase, newBase).reasons())
                .containsExactly("the image is linux/arm64 but the old base is linux/amd64");
    }
}
