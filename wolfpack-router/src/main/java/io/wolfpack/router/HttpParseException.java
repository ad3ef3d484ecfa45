package io.wolfpack.router;

/** A message the router cannot read as HTTP/1.x; {@link Kind} decides the router's answer. */
final class HttpParseException extends Exception {
    enum Kind {
        /** 400, or an invalid upstream response. */
        MALFORMED,
        /** 414: the request line is longer than allowed. */
        LINE_TOO_LONG,
        /** 431: the header lines are larger than allowed. */
        HEADERS_TOO_LARGE
    }

    private final Kind kind;

    HttpParseException(Kind kind, String message) {
        super(message, null, false, false); // no stack trace: bad input is expected, not a bug
        this.kind = kind;
    }

    static HttpParseException malformed(String message) {
        return new HttpParseException(Kind.MALFORMED, message);
    }

    Kind kind() {
        return kind;
    }
}
