package io.wolfpack.images.build;

import io.wolfpack.core.image.DockerfileParser;
import io.wolfpack.core.image.ParsedDockerfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InternalPinsTest {
    private static final String REG = "127.0.0.1:5000";
    private static final String BASE = REG + "/base@sha256:" + "a".repeat(64);
    private static final String TOOLS = REG + "/tools@sha256:" + "b".repeat(64);

    @Test
    void pinnedRepositoryNamesAreInternalWhateverHostOrTagIsWritten() {
        ParsedDockerfile parsed = DockerfileParser.parse("""
                FROM base:1.0 AS b
                FROM 127.0.0.1:5000/tools:2 AS t
                FROM other.registry:5000/base:1.0 AS elsewhere
                FROM busybox:1 AS ext
                FROM b
                COPY --from=tools /x /x
                """);
        Map<String, String> pins = InternalPins.of(parsed, Map.of("base", BASE, "tools", TOOLS), "app");
        assertThat(pins).containsExactly(Map.entry("base:1.0", BASE), Map.entry("127.0.0.1:5000/tools:2", TOOLS),
                Map.entry("other.registry:5000/base:1.0", BASE), Map.entry("tools", TOOLS));
    }

    @Test
    void aPinWithoutDigestIsRefusedNamingTheImage() {
        ParsedDockerfile parsed = DockerfileParser.parse("FROM base\n");
        assertThatThrownBy(() -> InternalPins.of(parsed, Map.of("base", REG + "/base:1.0"), "app"))
                .isInstanceOfSatisfying(BuildException.class, e -> assertThat(e.step()).isEqualTo(ImageBuilder.STEP_RESOLVE))
                .hasMessage("image app: resolve base failed: pinned reference '127.0.0.1:5000/base:1.0' for base has no digest;"
                        + " give REGISTRY/base@sha256:...");
    }
}
