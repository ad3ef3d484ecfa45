package io.wolfpack.router;

/** A client's request head: method, target and version, with its header lines indexed (see {@link MessageHead}). */
final class RequestHead extends MessageHead {
    private final String method;
    private final String uri;

    RequestHead(HeadParser.Lines lines, String method, String uri, boolean http10, Framing framing) {
        super(lines, http10, framing);
        this.method = method;
        this.uri = uri;
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
