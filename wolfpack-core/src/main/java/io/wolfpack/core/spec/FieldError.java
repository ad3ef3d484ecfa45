package io.wolfpack.core.spec;

/**
 * One bad field of user input: where it is ("ports[1].name"), what was given, and what is allowed.
 * {@code value} is the offending value as text, or null when the field is missing.
 */
public record FieldError(String path, String value, String problem) {
    @Override
    public String toString() {
        return path + (value == null ? "" : " = " + value) + ": " + problem;
    }
}
