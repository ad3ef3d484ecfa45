package io.wolfpack.core.spec;

import org.assertj.core.api.ListAssert;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Shared helpers: parse YAML and look at the errors it produced. */
final class SpecAssertions {
    /** A minimal valid spec to which tests append the field under test. */
    static final String BASE = "name: web\nimage: busybox\n";

    private SpecAssertions() {
    }

    static ServiceSpec yaml(String text) {
        return SpecParser.parse(text, SpecParser.Format.YAML);
    }

    /** The errors of text that must be invalid. */
    static List<FieldError> errors(String text) {
        SpecException e = catchThrowableOfType(SpecException.class, () -> yaml(text));
        assertThat(e).as("expected the spec to be rejected:\n%s", text).isNotNull();
        return e.errors();
    }

    /** Asserts exactly one error, at {@code path}, whose problem contains {@code fragment}; returns it. */
    static FieldError onlyError(String text, String path, String fragment) {
        List<FieldError> errors = errors(text);
        assertThat(errors).as("errors of:\n%s", text).hasSize(1);
        FieldError e = errors.get(0);
        assertThat(e.path()).isEqualTo(path);
        assertThat(e.problem()).contains(fragment);
        return e;
    }

    static ListAssert<String> paths(List<FieldError> errors) {
        return assertThat(errors.stream().map(FieldError::path).toList());
    }
}
