package io.wolfpack.router;

/** An upstream's response head: status and version, with its header lines indexed (see {@link MessageHead}). */
final class ResponseHead extends MessageHead {
    /** Where the status code starts in the status line ("HTTP/1.1 " is 9 bytes). */
    static final int STATUS_START = 9;

    private final int status;

    ResponseHead(HeadParser.Lines lines, int status, boolean http10, Framing framing) {
        super(lines, http10, framing);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** 1xx, 204 and 304 never have a body (RFC 9112 6.3). */
    boolean alwaysEmpty() {
        return status < 200 || status == 204 || status == 304;
    }
}
