package io.wolfpack.core.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LineageGraphTest {
    private final LineageGraph graph = LineageFixtures.graph();

    @Test
    void buildsLevelByLevelWithIndependentImagesSharingALevel() {
        assertThat(graph.buildLevels()).containsExactly(
                List.of("base", "other", "tools"),
                List.of("runtime"),
                List.of("apps/api", "apps/batch", "apps/web", "apps/worker"));
    }

    @Test
    void anInputFromAHigherLevelPushesTheImageAboveIt() {
        LineageGraph g = LineageGraph.of(List.of(
                ImageNode.onExternal("a", "scratch"),
                ImageNode.onImage("b", "a"),
                ImageNode.onImage("c", "b"),
                ImageNode.onImage("d", "a", "c")));
        assertThat(g.buildLevels()).containsExactly(List.of("a"), List.of("b"), List.of("c"), List.of("d"));
        assertThat(g.levelOf("d")).isEqualTo(3);
    }

    @Test
    void descendantsFollowBasesAndInputsTransitively() {
        assertThat(graph.descendants("base")).containsExactly("apps/api", "apps/batch", "apps/web", "apps/worker", "runtime");
        assertThat(graph.descendants("tools")).containsExactly("apps/batch");
        assertThat(graph.descendants("apps/web")).isEmpty();
        assertThat(graph.children("runtime")).containsExactly("apps/api", "apps/batch", "apps/web", "apps/worker");
        assertThat(graph.dependencies("apps/batch")).containsExactly("runtime", "tools");
    }

    @Test
    void aBaseOrInputNamingNoImageOfTheGraphIsExternal() {
        LineageGraph g = LineageGraph.of(List.of(
                ImageNode.onImage("app", "gone", "also-gone"),
                ImageNode.onExternal("lib", "scratch")));
        assertThat(g.buildLevels()).containsExactly(List.of("app", "lib"));
        assertThat(g.node("app")).hasValueSatisfying(n -> {
            assertThat(n.base()).isNull();
            assertThat(n.externalBase()).isEqualTo("gone");
            assertThat(n.inputs()).containsExactly("also-gone");
        });
        assertThat(g.dependencies("app")).isEmpty();
    }

    @Test
    void aCycleIsRejectedAndNamed() {
        assertThatThrownBy(() -> LineageGraph.of(List.of(
                ImageNode.onExternal("root", "scratch"),
                ImageNode.onImage("a", "b"),
                ImageNode.onImage("b", "c"),
                ImageNode.onImage("c", "root", "a"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cycle: a -> b -> c -> a");
        assertThatThrownBy(() -> LineageGraph.of(List.of(ImageNode.onImage("self", "self"))))
                .hasMessageContaining("self -> self");
    }

    @Test
    void levelsWithinASubsetIgnoreImagesOutsideIt() {
        // batch waits on tools in the whole graph, but tools is not being rebuilt.
        assertThat(graph.levelsWithin(graph.descendants("base"))).containsExactly(
                List.of("runtime"), List.of("apps/api", "apps/batch", "apps/web", "apps/worker"));
        assertThat(graph.levelsWithin(List.of("apps/batch", "tools"))).containsExactly(List.of("tools"), List.of("apps/batch"));
    }

    @Test
    void badInputIsNamed() {
        assertThatThrownBy(() -> graph.descendants("nope"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no image 'nope' in the lineage; images: apps/api, apps/batch");
        assertThatThrownBy(() -> LineageGraph.of(List.of(ImageNode.onExternal("x", "scratch"), ImageNode.onExternal("x", "busybox"))))
                .hasMessageContaining("image 'x' is given twice");
        assertThatThrownBy(() -> new ImageNode("x", null, null, List.of())).hasMessageContaining("image 'x' has no base");
        assertThatThrownBy(() -> new ImageNode("x", "a", "b", List.of())).hasMessageContaining("both base 'a' and externalBase 'b'");
    }

    @Test
    void anEmptyRepositoryHasNoLevels() {
        assertThat(LineageGraph.of(List.of()).buildLevels()).isEmpty();
    }
}
