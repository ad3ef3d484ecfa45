package io.wolfpack.client;

import io.wolfpack.core.spec.FieldError;

import java.util.List;

/**
 * A call to the Wolfpack API that did not succeed. {@code status} is the HTTP status, or 0 when
 * the server could not be reached at all; the message says what was tried and what to do.
 */
public final class ApiException extends RuntimeException {
    private final int status;
    private final List<FieldError> fields;

    public ApiException(int status, String message, List<FieldError> fields, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public int status() {
        return status;
    }

    public List<FieldError> fields() {
        return fields;
    }

    /** True when the server was not reached (connection refused, timeout, DNS). */
    public boolean unreachable() {
        return status == 0;
    }
}
