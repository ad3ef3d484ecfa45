package io.wolfpack.core.spec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two small public parsers the scheduler and agent reuse. */
class ImageAndConstraintTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void imageReferenceParts() {
        assertThat(ImageReference.parse("busybox")).isEqualTo(new ImageReference(null, "busybox", null, null));
        assertThat(ImageReference.parse("registry.local:5000/team/web:1.4"))
                .isEqualTo(new ImageReference("registry.local:5000", "team/web", "1.4", null));
        assertThat(ImageReference.parse("library/busybox@" + DIGEST))
                .isEqualTo(new ImageReference(null, "library/busybox", null, DIGEST));
        assertThat(ImageReference.parse("localhost/web:v1@" + DIGEST).toString()).isEqualTo("localhost/web:v1@" + DIGEST);
    }

    @Test
    void aFirstPartWithoutDotColonOrLocalhostIsARepositoryPart() {
        assertThat(ImageReference.parse("team/web").registry()).isNull();
        assertThatThrownBy(() -> ImageReference.parse("Team/web")).hasMessageContaining("must be lower-case: use 'team/web'");
    }

    @Test
    void constraintsParseAndTestNodeLabels() {
        PlacementConstraint notC = PlacementConstraint.parse("zone!=c");
        assertThat(notC).isEqualTo(new PlacementConstraint("zone", false, "c"));
        assertThat(notC.toString()).isEqualTo("zone != c");
        assertThat(notC.test("a")).isTrue();
        assertThat(notC.test("c")).isFalse();
        assertThat(notC.test(null)).isTrue();

        PlacementConstraint isSsd = PlacementConstraint.parse("  disk ==  ssd ");
        assertThat(isSsd.test("ssd")).isTrue();
        assertThat(isSsd.test("hdd")).isFalse();
        assertThat(isSsd.test(null)).isFalse();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"zone = c", "zone", "== a", "zone == ", "zone ~= a", "zone == a b", ""})
    void aBadConstraintShowsTheTextAndTheSyntax(String text) {
        assertThatThrownBy(() -> PlacementConstraint.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a constraint: use " + PlacementConstraint.ALLOWED);
    }

    @Test
    void labelsMayHaveAPrefix() {
        assertThat(PlacementConstraint.parse("wolfpack.io/tier==web").toString()).isEqualTo("wolfpack.io/tier == web");
    }
}
