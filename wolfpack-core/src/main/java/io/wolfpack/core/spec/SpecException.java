package io.wolfpack.core.spec;

import java.util.List;

/** User input that is not a valid spec; carries every bad field at once. */
public final class SpecException extends RuntimeException {
    private final List<FieldError> errors;

    public SpecException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String summary(List<FieldError> errors) {
        StringBuilder sb = new StringBuilder("invalid spec: " + errors.size() + (errors.size() == 1 ? " problem" : " problems"));
        for (FieldError e : errors) sb.append("\n  ").append(e);
        return sb.toString();
    }
}
