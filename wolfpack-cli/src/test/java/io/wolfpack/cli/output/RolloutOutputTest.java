package io.wolfpack.cli.output;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutOutputTest {
    @Test
    void lineDiffKeepsCommonLinesAndMarksTheRest() {
        List<String> a = List.of("name: web", "image: web:1", "replicas: 3");
        List<String> b = List.of("name: web", "image: web:2", "replicas: 3", "env: {A: 1}");
        assertThat(RolloutOutput.lineDiff(a, b)).containsExactly(
                "  name: web", "- image: web:1", "+ image: web:2", "  replicas: 3", "+ env: {A: 1}");
    }

    @Test
    void identicalSpecsHaveNoChangedLines() {
        List<String> a = List.of("name: web", "image: web:1");
        assertThat(RolloutOutput.lineDiff(a, a)).allMatch(l -> l.startsWith("  "));
    }
}
