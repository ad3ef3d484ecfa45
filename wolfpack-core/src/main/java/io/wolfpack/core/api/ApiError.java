package io.wolfpack.core.api;

import io.wolfpack.core.spec.FieldError;

import java.util.List;

/**
 * The one error shape of the API, sent as {@code {"error": {...}}}: the HTTP status, a sentence
 * a person can act on, and for bad input every bad field.
 */
public record ApiError(int status, String message, List<FieldError> fields) {
    public ApiError {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    /** The JSON envelope: {@code {"error": ApiError}}. */
    public record Envelope(ApiError error) {
    }
}
