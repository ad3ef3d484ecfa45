package io.wolfpack.core.spec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.wolfpack.core.spec.SpecAssertions.errors;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Keeps docs/SPEC.md honest: its YAML examples are run through the parser. */
class SpecDocTest {
    private static final Path DOC = Path.of("..", "docs", "SPEC.md");
    private static final List<String> yamlBlocks = new ArrayList<>();

    @BeforeAll
    static void readDoc() throws Exception {
        assumeTrue(Files.exists(DOC), "docs/SPEC.md is not next to this module");
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(DOC));
        while (m.find()) yamlBlocks.add(m.group(1));
        assertThat(yamlBlocks).hasSize(5);
    }

    @Test
    void annotatedExampleIsValid() {
        ServiceSpec s = yaml(yamlBlocks.get(0));
        assertThat(s.resources().cpu()).isEqualTo(0.25);
        assertThat(s.env()).containsEntry("WORKERS", "4");
        assertThat(s.health().http()).isEqualTo(new HealthSpec.HttpCheck("admin", "/healthz"));
    }

    @Test
    void smallestSpecIsValid() {
        assertThat(yaml(yamlBlocks.get(1)).name()).isEqualTo("web");
    }

    @Test
    void errorExampleGivesTheFiveErrorsShown() {
        assertThat(errors(yamlBlocks.get(3))).extracting(FieldError::path)
                .containsExactly("replica", "name", "resources.memory", "ports[1].name", "health.http.port");
    }

    @Test
    void normalisedExampleIsWhatTheShortSpecBecomes() {
        ServiceSpec shortSpec = yaml("name: web\nimage: busybox\nports: [{name: http, container: 80}]\n"
                + "health: {http: {}}\nroute: {host: web.local}\n");
        assertThat(yaml(yamlBlocks.get(4))).isEqualTo(shortSpec);
    }

    @Test
    void autoscaleExampleIsValid() {
        ServiceSpec s = yaml("name: web\nimage: busybox\n" + yamlBlocks.get(2));
        assertThat(s.autoscale().max()).isEqualTo(10);
        assertThat(s.replicas()).as("starts at min").isEqualTo(2);
    }
}
