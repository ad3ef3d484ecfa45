package io.wolfpack.core.spec;

import io.wolfpack.core.json.Json;
import org.junit.jupiter.api.Test;

import static io.wolfpack.core.spec.SpecAssertions.BASE;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecRoundTripTest {
    private final ServiceSpec full = yaml(SpecParserTest.ARCHITECTURE_EXAMPLE);

    @Test
    void jacksonWritesAndReadsTheSameSpec() throws Exception {
        String json = Json.MAPPER.writeValueAsString(full);
        assertThat(Json.MAPPER.readValue(json, ServiceSpec.class)).isEqualTo(full);
    }

    @Test
    void canonicalJsonWritesUnitsAsText() {
        String json = Json.text(full);
        assertThat(json).contains("\"memory\":\"64Mi\"", "\"interval\":\"1s\"", "\"timeout\":\"500ms\"", "\"hold\":\"1m\"")
                .doesNotContain("\"tcp\"", "\"exec\"", "milliCpu", "portName");
    }

    @Test
    void canonicalJsonIsValidInputThatParsesBackEqual() {
        assertThat(SpecParser.parse(Json.text(full), SpecParser.Format.JSON)).isEqualTo(full);
        ServiceSpec minimal = yaml(BASE);
        assertThat(SpecParser.parse(Json.text(minimal), SpecParser.Format.JSON)).isEqualTo(minimal);
    }

    @Test
    void canonicalYamlParsesBackEqual() {
        String text = SpecWriter.yaml(full);
        assertThat(text).startsWith("name: web\n").contains("memory: 64Mi");
        assertThat(yaml(text)).isEqualTo(full);
    }

    @Test
    void validateAcceptsAValidSpecAndRejectsOneBuiltBadlyInCode() {
        assertThat(SpecParser.validate(full.withReplicas(3)).replicas()).isEqualTo(3);
        assertThatThrownBy(() -> SpecParser.validate(full.withReplicas(5000)))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.errors()).singleElement()
                        .isEqualTo(new FieldError("replicas", "5000", "must be between 0 and 1000")));
    }
}
