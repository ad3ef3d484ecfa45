package io.wolfpack.router;

/** A client's request head: method, target and version, with its header lines indexed (see {@link MessageHead}). */
final class RequestHead extends MessageHead {
    private final String method;
    private final String uri;
    private final String host;

    RequestHead(HeadParser.Lines lines, String method, String uri, String host, boolean http10, Framing framing) {
        super(lines, http10, framing);
        this.method = method;
        this.uri = uri;
        this.host = host;
    }

    /** The Host header's value (there is at most one), or null when there is none. */
    String host() {
        return host;
    }

    String method() {
        return method;
    }

    String uri() {
        return uri;
    }

    /** Whether a body follows the head. */
    boolean hasBody() {
        return framing().chunked() || framing().contentLength() > 0;
    }
}
