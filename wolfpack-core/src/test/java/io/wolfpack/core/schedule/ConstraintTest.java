package io.wolfpack.core.schedule;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConstraintTest {

    @Test
    void parsesBothOperatorsWithOrWithoutSpaces() {
        assertThat(Constraint.parse("zone == a")).isEqualTo(new Constraint("zone", true, "a"));
        assertThat(Constraint.parse("  disk!=hdd ")).isEqualTo(new Constraint("disk", false, "hdd"));
        assertThat(Constraint.parse("wolfpack.io/tier==web").toString()).isEqualTo("wolfpack.io/tier == web");
    }

    @Test
    void aMissingLabelFailsEqualsAndPassesNotEquals() {
        Map<String, String> labels = Map.of("zone", "a");
        assertThat(Constraint.parse("zone == a").test(labels)).isTrue();
        assertThat(Constraint.parse("zone != a").test(labels)).isFalse();
        assertThat(Constraint.parse("disk == ssd").test(labels)).isFalse();
        assertThat(Constraint.parse("disk != ssd").test(labels)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"zone = a", "zone", "== a", "zone == ", "zone ~= a", "zone == a b", ""})
    void badSyntaxNamesTheTextAndTheAllowedForm(String text) {
        assertThatThrownBy(() -> Constraint.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("placement constraint '" + text + "' is not valid: use " + Constraint.ALLOWED);
    }
}
