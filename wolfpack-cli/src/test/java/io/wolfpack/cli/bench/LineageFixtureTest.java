package io.wolfpack.cli.bench;

import io.wolfpack.core.image.DockerfileParser;
import io.wolfpack.core.image.LineageBuilder;
import io.wolfpack.core.image.LineageGraph;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's repository is what the issue asks for: 20 images in 3 levels, a few multi-stage. */
class LineageFixtureTest {
    static LineageGraph graph(Map<String, String> files) {
        List<LineageBuilder.Definition> defs = new ArrayList<>();
        files.forEach((path, text) -> {
            if (path.endsWith("/Dockerfile")) {
                String name = path.substring(0, path.length() - "/Dockerfile".length());
                defs.add(new LineageBuilder.Definition(name, "latest", DockerfileParser.parse(text)));
            }
        });
        return LineageBuilder.graph(defs);
    }

    @Test
    void twentyImagesInThreeLevelsAllBuiltOnTheBase() {
        LineageGraph g = graph(LineageFixture.files("run1"));

        assertThat(g.names()).hasSize(20);
        assertThat(g.buildLevels()).extracting(List::size).containsExactly(1, 4, 15);
        assertThat(g.buildLevels().get(0)).containsExactly("base");
        assertThat(g.node("base").orElseThrow().externalBase()).isEqualTo("scratch");
        assertThat(g.descendants("base")).hasSize(19);
        assertThat(g.node("apps/app-02").orElseThrow().base()).isEqualTo("runtimes/web");
    }

    @Test
    void everyFifthAppIsMultiStageReadingTheToolsRuntime() {
        LineageGraph g = graph(LineageFixture.files("run1"));

        assertThat(g.names().stream().filter(n -> !g.node(n).orElseThrow().inputs().isEmpty()))
                .containsExactly("apps/app-05", "apps/app-10", "apps/app-15");
        assertThat(g.node("apps/app-10").orElseThrow().inputs()).containsExactly("runtimes/tools");
        assertThat(g.node("apps/app-10").orElseThrow().base()).isEqualTo("runtimes/web");
    }

    @Test
    void theBaseFixTouchesOnlyTheBaseAndRunsDoNotShareLayers() {
        assertThat(LineageFixture.baseFix("run1").keySet()).allMatch(p -> p.startsWith("base/"));
        assertThat(LineageFixture.baseFix("run1").get("base/release")).isNotEqualTo(LineageFixture.files("run1").get("base/release"));
        assertThat(LineageFixture.files("run1").get("base/release")).isNotEqualTo(LineageFixture.files("run2").get("base/release"));
    }
}
