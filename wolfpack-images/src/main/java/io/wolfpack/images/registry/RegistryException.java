package io.wolfpack.images.registry;

import java.net.URI;

/**
 * A registry request that did not do what was asked. The message names the method, the URL, the
 * status and the registry's own error text, e.g. "GET http://127.0.0.1:5000/v2/app/manifests/2
 * failed: 404 MANIFEST_UNKNOWN: manifest unknown".
 */
public class RegistryException extends RuntimeException {
    /** Why, coarsely, so callers can tell "not there" from "not allowed" from "broken". */
    public enum Kind {
        /** 401/403: the registry wants credentials this client does not send. */
        UNAUTHORIZED,
        /** 404: no such repository, tag, manifest or blob. */
        NOT_FOUND,
        /** The document is of a kind not handled here (an index, schema1). */
        UNSUPPORTED,
        /** No answer: connection refused, timed out, interrupted. */
        UNREACHABLE,
        /** Any other status, or an answer that breaks the protocol. */
        FAILED
    }

    private final Kind kind;
    private final int status;
    private final URI url;

    public RegistryException(Kind kind, int status, URI url, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.url = url;
    }

    public RegistryException(Kind kind, int status, URI url, String message) {
        this(kind, status, url, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when there was no answer. */
    public int status() {
        return status;
    }

    public URI url() {
        return url;
    }
}
