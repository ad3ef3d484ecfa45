package io.wolfpack.router;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RequestTargetTest {

    @Test
    void originFormUsesTheHostHeaderAndDropsTheQueryForMatching() {
        RequestTarget t = RequestTarget.parse("/api/x?q=1#frag", "web.local:7780");
        assertThat(t).isEqualTo(new RequestTarget("web.local:7780", "/api/x", "/api/x?q=1"));
    }

    @Test
    void absoluteFormNamesItsOwnHost() {
        RequestTarget t = RequestTarget.parse("http://user@other.local:81/p?x=y", "web.local");
        assertThat(t).isEqualTo(new RequestTarget("other.local:81", "/p", "/p?x=y"));
        assertThat(RequestTarget.parse("http://other.local", null)).isEqualTo(new RequestTarget("other.local", "/", "/"));
        assertThat(RequestTarget.parse("http://other.local?x", null)).isEqualTo(new RequestTarget("other.local", "/", "/?x"));
    }

    @Test
    void missingHostIsEmpty() {
        assertThat(RequestTarget.parse("/", null).host()).isEmpty();
        assertThat(RequestTarget.parse("", null).path()).isEqualTo("/");
    }
}
