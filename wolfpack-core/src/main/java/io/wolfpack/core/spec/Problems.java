package io.wolfpack.core.spec;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** The bad fields found so far while reading one document; reading goes on after each so all are reported at once. */
final class Problems {
    /** The path used for problems with the document as a whole (syntax, not a mapping). */
    static final String DOCUMENT = "(document)";
    private static final int MAX_VALUE_LENGTH = 120;

    private final List<FieldError> errors = new ArrayList<>();

    void add(String path, JsonNode value, String problem) {
        errors.add(new FieldError(path, text(value), problem));
    }

    void add(String path, String value, String problem) {
        errors.add(new FieldError(path, shorten(value), problem));
    }

    /** A missing field: no value to show. */
    void missing(String path, String problem) {
        errors.add(new FieldError(path, null, problem));
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<FieldError> list() {
        return List.copyOf(errors);
    }

    void throwIfAny() {
        if (!errors.isEmpty()) throw new SpecException(errors);
    }

    /** The value as the user wrote it: strings bare, anything else as compact JSON, long ones cut short. */
    static String text(JsonNode value) {
        if (value == null || value.isMissingNode()) return null;
        return shorten(value.isTextual() ? value.textValue() : value.toString());
    }

    /** A word for what a node is, used in "must be X, not Y" messages. */
    static String kind(JsonNode value) {
        if (value.isTextual()) return "text";
        if (value.isIntegralNumber()) return "a whole number";
        if (value.isNumber()) return "a number";
        if (value.isBoolean()) return "true/false";
        if (value.isArray()) return "a list";
        if (value.isObject()) return "a mapping";
        if (value.isNull()) return "null";
        return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private static String shorten(String s) {
        if (s == null || s.length() <= MAX_VALUE_LENGTH) return s;
        return s.substring(0, MAX_VALUE_LENGTH) + "...";
    }
}
