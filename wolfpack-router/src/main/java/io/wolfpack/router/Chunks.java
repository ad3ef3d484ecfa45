package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelOutboundInvoker;

import java.nio.charset.StandardCharsets;

/** Writes body bytes with chunked framing (RFC 9112 7.1), for bodies the router re-frames. */
final class Chunks {
    private static final ByteBuf CRLF = constant("\r\n");
    private static final ByteBuf LAST = constant("0\r\n\r\n");

    private Chunks() {
    }

    /** Writes {@code data} (not empty) as one chunk; takes ownership of it. */
    static void write(ChannelOutboundInvoker out, ByteBufAllocator alloc, ByteBuf data) {
        out.write(sizeLine(alloc, data.readableBytes()), out.voidPromise());
        out.write(data, out.voidPromise());
        out.write(CRLF.duplicate(), out.voidPromise());
    }

    /** The line that starts a chunk of {@code size} bytes. */
    static ByteBuf sizeLine(ByteBufAllocator alloc, int size) {
        ByteBuf line = alloc.directBuffer(10);
        line.writeCharSequence(Integer.toHexString(size), StandardCharsets.US_ASCII);
        return line.writeByte('\r').writeByte('\n');
    }

    /** The last chunk, with no trailers. */
    static void writeLast(ChannelOutboundInvoker out) {
        out.write(LAST.duplicate(), out.voidPromise());
    }

    private static ByteBuf constant(String s) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(s.length())
                .writeBytes(s.getBytes(StandardCharsets.US_ASCII)));
    }
}
