package io.wolfpack.cli.output;

import io.wolfpack.core.api.CampaignView;
import io.wolfpack.core.api.ImageView;
import io.wolfpack.core.image.ImageBuild;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ImageOutputTest {
    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final String D = "sha256:" + "9e1c0d2a7b44".repeat(5) + "abcd";

    private static ImageView image(String name, String base, String external, int level, ImageBuild latest) {
        return new ImageView(name, "1", "apps", name + "/Dockerfile", base, external, List.of(), level, latest, latest == null ? 0 : 1, null);
    }

    @Test
    void theTreeHangsEveryImageUnderItsBaseWithItsLastBuild() {
        ImageBuild b = new ImageBuild("base", "1", D, "scratch", null, List.of(), "/srv", "41c2aa0e99", "base/Dockerfile",
                NOW.minusSeconds(180), ImageBuild.BUILD, "");
        String tree = ImageOutput.tree(new ArrayList<>(List.of(image("base", null, "scratch", 0, b),
                image("runtime", "base", null, 1, null), image("app-b", "runtime", null, 2, null),
                image("app-a", "runtime", null, 2, null))), NOW);
        assertThat(tree).isEqualTo("""
                scratch (external)
                └─ base:1  sha256:9e1c0d2a7b44, build 3m ago at 41c2aa0e
                   └─ runtime:1  (never built)
                      ├─ app-a:1  (never built)
                      └─ app-b:1  (never built)
                """);
    }

    @Test
    void aHaltedCampaignSaysWhyAndShowsEachImagesPathAndEachWave() {
        CampaignView c = new CampaignView("c-2", "base", "commit 9b0c4de1 changed base", "halted",
                "image app-c failed: build failed", NOW.minusSeconds(60), NOW,
                List.of(new CampaignView.ImageStep("base", 0, "built", "build", D, "its Dockerfile changed since 41c2aa0e"),
                        new CampaignView.ImageStep("runtime", 1, "rebased", "rebase", D, "swapped 4 layers"),
                        new CampaignView.ImageStep("app-c", 2, "failed", null, null, "build failed")),
                List.of(List.of(new CampaignView.ServiceStep("pa", 2, "pending", null, ""))));
        String out = ImageOutput.campaign(c, NOW);
        assertThat(out).startsWith("campaign c-2: base base, halted, started 1m ago (commit 9b0c4de1 changed base)\n"
                + "halted: image app-c failed: build failed\n");
        assertThat(out).contains("runtime  rebased  rebase").contains("app-c    failed").contains("pa");
        assertThat(out).doesNotContain("dry run");
    }
}
