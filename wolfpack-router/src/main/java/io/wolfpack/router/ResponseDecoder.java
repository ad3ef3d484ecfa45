package io.wolfpack.router;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * The upstream side's decoder: response heads and bodies framed as RFC 9112 6.3 says: none for
 * 1xx, 204, 304 and answers to HEAD; chunked; Content-Length; else until the connection closes.
 * After a 101 it stops reading HTTP: the bytes wait for the tunnel that replaces it.
 * A {@link ResponseHead} it passes on is valid until it reads the next head (its bytes and index
 * are the parser's, reused): the upstream handler hands it to the exchange, which writes it on at once.
 */
final class ResponseDecoder extends MessageDecoder {
    private boolean headRequest; // the response being read answers a HEAD

    ResponseDecoder(int maxHeaderBytes) {
        super(new HeadParser(maxHeaderBytes, maxHeaderBytes, false, true), maxHeaderBytes);
    }

    /** Whether the responses that follow answer a HEAD request (so have no body whatever they say). */
    void expectHeadResponse(boolean head) {
        this.headRequest = head;
    }

    @Override
    MessageHead readHead(ByteBuf in) throws HttpParseException {
        HeadParser.Lines lines = parser.read(in);
        if (lines == null) return null;
        byte[] b = lines.bytes();
        int lineEnd = lines.startLineEnd();
        // "HTTP/1.x NNN[ reason]"
        if (lineEnd < 12 || !RequestDecoder.equalsAscii(b, 0, "HTTP/1.") || b[8] != ' ' || (lineEnd > 12 && b[12] != ' ')) {
            throw HttpParseException.malformed("invalid status line '" + new String(b, 0, lineEnd, StandardCharsets.ISO_8859_1) + "'");
        }
        byte minor = b[7];
        if (minor != '0' && minor != '1') throw HttpParseException.malformed("unsupported HTTP version in the status line");
        int status = 0;
        for (int i = ResponseHead.STATUS_START; i < 12; i++) {
            if (b[i] < '0' || b[i] > '9') throw HttpParseException.malformed("invalid status code in the status line");
            status = status * 10 + (b[i] - '0');
        }
        if (status < 100) throw HttpParseException.malformed("invalid status code " + status);
        return new ResponseHead(lines, status, minor == '0', HeadParser.framing(lines));
    }

    @Override
    Body bodyOf(MessageHead head) {
        ResponseHead r = (ResponseHead) head;
        if (r.status() == 101) return Body.SWITCHED;
        if (r.alwaysEmpty() || headRequest) return Body.NONE;
        MessageHead.Framing f = r.framing();
        if (f.transferEncoding()) return f.chunked() ? Body.CHUNKED : Body.UNTIL_CLOSE;
        if (f.sized()) return f.contentLength() > 0 ? Body.FIXED : Body.NONE;
        return Body.UNTIL_CLOSE;
    }
}
