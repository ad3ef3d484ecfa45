package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Splits a byte stream into HTTP/1.x messages for the proxy: a {@link MessageHead} (its bytes and
 * an index of its header lines, nothing copied into a header map), the body as slices of the bytes
 * read (chunk framing removed), then {@link BodyEnd}. Anything it cannot read becomes one
 * {@link DecodeFailure}, after which input is dropped. Subclasses read the start line and decide
 * the body's framing.
 */
abstract class MessageDecoder extends ByteToMessageDecoder {
    /** A chunk-size line longer than this is not one (RFC 9112 7.1; extensions included). */
    private static final int MAX_CHUNK_LINE = 4096;

    private enum State { HEAD, FIXED, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, PASS, FAILED }

    /** How the body after a head is framed. */
    enum Body { NONE, FIXED, CHUNKED, UNTIL_CLOSE, SWITCHED }

    final HeadParser parser;
    private final int maxTrailerBytes;
    private State state = State.HEAD;
    private long remaining;
    private int trailerBytes;

    MessageDecoder(HeadParser parser, int maxTrailerBytes) {
        this.parser = parser;
        this.maxTrailerBytes = maxTrailerBytes;
    }

    /** Reads the head at {@code in}'s reader index, consuming it, or returns null (consuming nothing) until it is whole. */
    abstract MessageHead readHead(ByteBuf in) throws HttpParseException;

    /** The framing of the body that follows {@code head}. */
    abstract Body bodyOf(MessageHead head) throws HttpParseException;

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        try {
            switch (state) {
                case HEAD -> head(in, out);
                case FIXED -> fixed(in, out);
                case CHUNK_SIZE -> chunkSize(in);
                case CHUNK_DATA -> chunkData(in, out);
                case CHUNK_END -> chunkEnd(in);
                case TRAILERS -> trailers(in, out);
                case UNTIL_CLOSE -> out.add(in.readRetainedSlice(in.readableBytes()));
                case PASS -> { } // switched protocols: the bytes wait for whoever removes this decoder
                case FAILED -> in.skipBytes(in.readableBytes());
                default -> throw new IllegalStateException(state.name());
            }
        } catch (HttpParseException e) {
            boolean inHead = state == State.HEAD;
            state = State.FAILED;
            in.skipBytes(in.readableBytes());
            out.add(new DecodeFailure(e, inHead));
        }
    }

    private void head(ByteBuf in, List<Object> out) throws HttpParseException {
        MessageHead head = readHead(in);
        if (head == null) return;
        Body body = bodyOf(head);
        out.add(head);
        switch (body) {
            case NONE -> out.add(BodyEnd.INSTANCE);
            case FIXED -> {
                remaining = head.framing().contentLength();
                state = State.FIXED;
            }
            case CHUNKED -> state = State.CHUNK_SIZE;
            case UNTIL_CLOSE -> state = State.UNTIL_CLOSE;
            case SWITCHED -> {
                out.add(BodyEnd.INSTANCE);
                state = State.PASS;
            }
            default -> throw new IllegalStateException(body.name());
        }
    }

    private void fixed(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        out.add(in.readRetainedSlice(n));
        remaining -= n;
        if (remaining == 0) {
            out.add(BodyEnd.INSTANCE);
            state = State.HEAD;
        }
    }

    private void chunkSize(ByteBuf in) throws HttpParseException {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > MAX_CHUNK_LINE) throw HttpParseException.malformed("chunk size line too long");
            return;
        }
        long size = 0;
        int digits = 0;
        for (int i = start; i < lf; i++) {
            int d = Character.digit(in.getByte(i), 16);
            if (d < 0) break;
            if (++digits > 15) throw HttpParseException.malformed("chunk size too large");
            size = size * 16 + d;
        }
        if (digits == 0) throw HttpParseException.malformed("invalid chunk size line");
        in.readerIndex(lf + 1);
        if (size == 0) {
            trailerBytes = 0;
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void chunkData(ByteBuf in, List<Object> out) {
        int n = (int) Math.min(in.readableBytes(), remaining);
        out.add(in.readRetainedSlice(n));
        remaining -= n;
        if (remaining == 0) state = State.CHUNK_END;
    }

    private void chunkEnd(ByteBuf in) throws HttpParseException {
        byte b = in.getByte(in.readerIndex());
        if (b == '\n') {
            in.skipBytes(1);
        } else if (b == '\r') {
            if (in.readableBytes() < 2) return;
            if (in.getByte(in.readerIndex() + 1) != '\n') throw HttpParseException.malformed("chunk data not followed by CRLF");
            in.skipBytes(2);
        } else {
            throw HttpParseException.malformed("chunk data longer than its size");
        }
        state = State.CHUNK_SIZE;
    }

    /** Trailer fields are read and dropped: nothing downstream needs them. */
    private void trailers(ByteBuf in, List<Object> out) throws HttpParseException {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (trailerBytes + in.readableBytes() > maxTrailerBytes) throw HttpParseException.malformed("trailers too large");
            return;
        }
        int lineLength = lf - start;
        in.readerIndex(lf + 1);
        if (lineLength == 0 || (lineLength == 1 && in.getByte(start) == '\r')) {
            out.add(BodyEnd.INSTANCE);
            state = State.HEAD;
            return;
        }
        trailerBytes += lineLength + 1;
        if (trailerBytes > maxTrailerBytes) throw HttpParseException.malformed("trailers too large");
    }

    @Override
    protected final void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (in.isReadable()) decode(ctx, in, out);
        if (state == State.UNTIL_CLOSE) { // the close is the body's end
            out.add(BodyEnd.INSTANCE);
            state = State.HEAD;
        }
    }
}
