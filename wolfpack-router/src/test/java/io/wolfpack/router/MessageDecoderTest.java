package io.wolfpack.router;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The proxy's HTTP/1.x decoders, fed raw bytes in pieces; output summarised as "head", body text and "end". */
class MessageDecoderTest {

    private static List<String> feed(EmbeddedChannel ch, String... pieces) {
        for (String p : pieces) ch.writeInbound(Unpooled.copiedBuffer(p, StandardCharsets.ISO_8859_1));
        return drain(ch);
    }

    private static List<String> drain(EmbeddedChannel ch) {
        List<String> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            if (m instanceof RequestHead r) out.add(r.method() + " " + r.uri());
            else if (m instanceof ResponseHead r) out.add("status " + r.status());
            else if (m == BodyEnd.INSTANCE) out.add("end");
            else if (m instanceof DecodeFailure f) out.add("failure " + f.cause().kind() + (f.inHead() ? " in head" : " in body")
                    + ": " + f.cause().getMessage());
            else if (m instanceof ByteBuf b) {
                out.add(b.toString(StandardCharsets.ISO_8859_1));
                b.release();
            }
        }
        return out;
    }

    private static EmbeddedChannel requests() {
        return new EmbeddedChannel(new RequestDecoder(1024, 2048));
    }

    @Test
    void pipelinedRequestsAndAFixedBodySplitAcrossReads() {
        List<String> out = feed(requests(), "GET /a HTTP/1.1\r\nHost: x\r\n\r\nPOST /b HTTP/1.1\r\nHo", "st: x\r\nContent-Length: 5\r\n\r\nhe",
                "llo", "GET /c HTTP/1.1\r\n\r\n");
        assertThat(out).containsExactly("GET /a", "end", "POST /b", "he", "llo", "end", "GET /c", "end");
    }

    @Test
    void chunkedBodiesLoseTheirFramingAndTrailers() {
        List<String> out = feed(requests(), "POST /u HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhel",
                "lo\r\n3\r\n, w\r\n0\r\nX-Trailer: t\r\n\r\nGET /next HTTP/1.1\r\n\r\n");
        assertThat(out).containsExactly("POST /u", "hel", "lo", ", w", "end", "GET /next", "end");
    }

    @Test
    void headerValuesAreTrimmedAndFramingIsRead() {
        EmbeddedChannel ch = requests();
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.0\r\nHost:  web.local \t\r\nConnection: Keep-Alive\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        RequestHead head = ch.readInbound();
        assertThat(head.first(HeaderName.HOST)).isEqualTo("web.local");
        assertThat(head.http10()).isTrue();
        assertThat(head.keepAlive()).isTrue();
        assertThat(head.hasBody()).isFalse();
    }

    @Test
    void aNewConnectionStartsFromTheStringsItsThreadMadeLast() {
        EmbeddedChannel first = requests();
        first.writeInbound(Unpooled.copiedBuffer("GET /same HTTP/1.1\r\nHost: web.local\r\n\r\n", StandardCharsets.ISO_8859_1));
        RequestHead a = first.readInbound();
        EmbeddedChannel second = requests(); // same thread, as connections of one event loop are
        second.writeInbound(Unpooled.copiedBuffer("GET /same HTTP/1.1\r\nHost: web.local\r\n\r\n"
                + "GET /other HTTP/1.1\r\nHost: web.local\r\n\r\n", StandardCharsets.ISO_8859_1));
        RequestHead b = second.readInbound();
        assertThat(second.<Object>readInbound()).isSameAs(BodyEnd.INSTANCE);
        RequestHead c = second.readInbound();
        // no new String for what the thread's last connection asked for; a new value is read as it is
        assertThat(b.uri()).isSameAs(a.uri());
        assertThat(b.host()).isSameAs(a.host());
        assertThat(c.uri()).isEqualTo("/other");
        assertThat(c.host()).isSameAs(a.host());
    }

    @Test
    void badHeadsAreRefusedWithAReason() {
        assertThat(feed(requests(), "GET / HTTP/1.1\r\nX-A: a\rb\r\n\r\n")).containsExactly(
                "failure MALFORMED in head: a CR not followed by LF");
        assertThat(feed(requests(), "GET / HTTP/1.1\r\nX-A: a\r\n folded\r\n\r\n")).singleElement().asString()
                .contains("obs-fold");
        assertThat(feed(requests(), "GET / HTTP/1.1\r\nX A: a\r\n\r\n")).singleElement().asString().contains("invalid header name");
        assertThat(feed(requests(), "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")).singleElement()
                .asString().contains("conflicting Content-Length");
        assertThat(feed(requests(), "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n")).singleElement().asString()
                .contains("must end in chunked");
        assertThat(feed(requests(), "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n")).singleElement().asString()
                .contains("more than one Host");
        assertThat(feed(requests(), "GET / HTTP/2.0\r\n\r\n")).singleElement().asString().contains("unsupported HTTP version");
        assertThat(feed(requests(), "GET /x" + "y".repeat(2000))).singleElement().asString().startsWith("failure LINE_TOO_LONG");
        assertThat(feed(requests(), "GET / HTTP/1.1\r\nX-Big: " + "x".repeat(3000))).singleElement().asString()
                .startsWith("failure HEADERS_TOO_LARGE");
    }

    @Test
    void brokenChunkFramingFailsInTheBodyAndNothingIsReadAfter() {
        List<String> out = feed(requests(), "POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nGET / HTTP/1.1\r\n\r\n");
        assertThat(out).containsExactly("POST /", "failure MALFORMED in body: invalid chunk size line");
    }

    private static EmbeddedChannel responses() {
        return new EmbeddedChannel(new ResponseDecoder(4096));
    }

    @Test
    void aBodyWithoutLengthEndsWithTheConnection() {
        EmbeddedChannel ch = responses();
        assertThat(feed(ch, "HTTP/1.0 200 OK\r\n\r\nsome", " more")).containsExactly("status 200", "some", " more");
        ch.finish();
        assertThat(drain(ch)).containsExactly("end");
    }

    @Test
    void emptyResponsesHaveNoBodyWhateverTheySay() {
        EmbeddedChannel ch = responses();
        ch.pipeline().get(ResponseDecoder.class).expectHeadResponse(true);
        assertThat(feed(ch, "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n")).containsExactly("status 200", "end");
        ch.pipeline().get(ResponseDecoder.class).expectHeadResponse(false);
        assertThat(feed(ch, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 3\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")).containsExactly("status 100", "end", "status 304", "end",
                "status 200", "ok", "end");
    }

    @Test
    void afterA101TheBytesStayRaw() {
        EmbeddedChannel ch = responses();
        assertThat(feed(ch, "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\n\u0081\u0002hi"))
                .containsExactly("status 101", "end");
        ch.pipeline().remove(ResponseDecoder.class); // as the tunnel does: what it holds goes on as bytes
        assertThat(drain(ch)).containsExactly("\u0081\u0002hi");
    }

    @Test
    void anInvalidStatusLineIsAFailure() {
        assertThat(feed(responses(), "HTTP/1.1 2000 OK\r\n\r\n")).singleElement().asString().contains("invalid status line");
        assertThat(feed(responses(), "SSH-2.0-OpenSSH\r\n\r\n")).singleElement().asString().contains("invalid status line");
    }

    /** "name=value" of each header line, in order, from the head's index. */
    private static String headers(MessageHead h) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < h.headerCount(); i++) {
            int from = h.position(i, MessageHead.LINE);
            sb.append(i == 0 ? "" : "; ").append(new String(h.bytes(), from, h.position(i, MessageHead.COLON) - from,
                    StandardCharsets.ISO_8859_1)).append('=').append(h.value(i));
        }
        return sb.toString();
    }

    @Test
    void responseHeadsReuseTheParsersArraysAndEachIsRightWhenPassedOn() {
        // as the exchange does: each response head is used up when it is passed on, before the next is read
        List<String> seen = new ArrayList<>();
        EmbeddedChannel ch = new EmbeddedChannel(new ResponseDecoder(65536), new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof ResponseHead h) seen.add(h.status() + " " + headers(h) + " (" + h.length() + " bytes)");
                else if (msg instanceof ByteBuf b) b.release();
            }
        });
        String big = "x".repeat(9000); // beyond the first copy and what the parser keeps between heads
        String first = "HTTP/1.1 200 OK\r\nServer: nginx\r\nDate: today\r\nContent-Type: text/plain\r\nX-A: 1\r\n"
                + "Content-Length: 2\r\nConnection: keep-alive\r\n\r\nok";
        String second = "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n";
        String third = "HTTP/1.1 201 Created\r\nX-Big: " + big + "\r\nContent-Length: 0\r\n\r\n";
        String fourth = "HTTP/1.1 204 No Content\r\nX-B: 2\r\n\r\n";
        ch.writeInbound(Unpooled.copiedBuffer(first + second + third.substring(0, 5000), StandardCharsets.ISO_8859_1));
        ch.writeInbound(Unpooled.copiedBuffer(third.substring(5000) + fourth, StandardCharsets.ISO_8859_1));
        assertThat(seen).containsExactly(
                "200 Server=nginx; Date=today; Content-Type=text/plain; X-A=1; Content-Length=2; Connection=keep-alive ("
                        + (first.length() - 2) + " bytes)",
                "404 Content-Length=0 (" + second.length() + " bytes)",
                "201 X-Big=" + big + "; Content-Length=0 (" + third.length() + " bytes)",
                "204 X-B=2 (" + fourth.length() + " bytes)");
    }

    @Test
    void requestHeadsKeepTheirOwnBytesWhileLaterOnesAreRead() {
        // pipelined requests wait in the backlog, so each head must stay as it was after the next is read
        EmbeddedChannel ch = requests();
        ch.writeInbound(Unpooled.copiedBuffer("GET /a HTTP/1.1\r\nHost: a.local\r\nAccept: */*\r\nX-Long: "
                + "v".repeat(1500) + "\r\n\r\nGET /b HTTP/1.1\r\nHost: b.local\r\n\r\nGET /b HTTP/1.1\r\nHost: b.local\r\nX-C: 3\r\n\r\n",
                StandardCharsets.ISO_8859_1));
        List<RequestHead> heads = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) if (m instanceof RequestHead h) heads.add(h);
        assertThat(heads).extracting(h -> h.uri() + " " + h.host() + " " + headers(h)).containsExactly(
                "/a a.local Host=a.local; Accept=*/*; X-Long=" + "v".repeat(1500),
                "/b b.local Host=b.local",
                "/b b.local Host=b.local; X-C=3");
    }
}
