package io.wolfpack.server.api;

import io.wolfpack.core.spec.FieldError;

import java.util.List;

/** An API answer other than success, rendered as the one error shape of docs/API.md. */
public final class HttpProblem extends RuntimeException {
    private final int status;
    private final List<FieldError> fields;

    public HttpProblem(int status, String message, List<FieldError> fields) {
        super(message);
        this.status = status;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public HttpProblem(int status, String message) {
        this(status, message, List.of());
    }

    public static HttpProblem notFound(String message) {
        return new HttpProblem(404, message);
    }

    public static HttpProblem badField(String path, String value, String problem) {
        return new HttpProblem(400, "invalid " + path + ": " + problem, List.of(new FieldError(path, value, problem)));
    }

    public int status() {
        return status;
    }

    public List<FieldError> fields() {
        return fields;
    }
}
