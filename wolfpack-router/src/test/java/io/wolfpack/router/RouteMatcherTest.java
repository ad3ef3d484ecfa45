package io.wolfpack.router;

import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RouteMatcherTest {

    private static Route route(String name, String host, String path) {
        return new Route(name, host, path, 0, List.of());
    }

    private static String match(RouteMatcher m, String host, String path) {
        Route r = m.match(host, path);
        return r == null ? null : r.name();
    }

    @Test
    void exactHostIgnoresCaseAndPort() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(route("web", "Web.Local", "/"))));
        assertThat(match(m, "web.local", "/")).isEqualTo("web");
        assertThat(match(m, "WEB.LOCAL:7780", "/x")).isEqualTo("web");
        assertThat(match(m, "web.local.", "/x")).isEqualTo("web");
        assertThat(match(m, "other.local", "/")).isNull();
        assertThat(match(m, null, "/")).isNull();
    }

    @Test
    void pathPrefixMatchesOnSegmentBoundaries() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(route("api", "h", "/api"))));
        assertThat(match(m, "h", "/api")).isEqualTo("api");
        assertThat(match(m, "h", "/api/")).isEqualTo("api");
        assertThat(match(m, "h", "/api/users/1")).isEqualTo("api");
        assertThat(match(m, "h", "/apix")).isNull();
        assertThat(match(m, "h", "/")).isNull();
    }

    @Test
    void routePathWithTrailingSlashOrNoLeadingSlashIsNormalised() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(route("api", "h", "api/"))));
        assertThat(match(m, "h", "/api")).isEqualTo("api");
        assertThat(match(m, "h", "/api/v1")).isEqualTo("api");
    }

    @Test
    void longestPrefixWins() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(
                route("root", "h", "/"), route("api", "h", "/api"), route("v2", "h", "/api/v2"))));
        assertThat(match(m, "h", "/")).isEqualTo("root");
        assertThat(match(m, "h", "/apix")).isEqualTo("root");
        assertThat(match(m, "h", "/api/v1")).isEqualTo("api");
        assertThat(match(m, "h", "/api/v2/x")).isEqualTo("v2");
    }

    @Test
    void wildcardMatchesOneOrMoreLabelsButNotTheBareDomain() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(route("wild", "*.example.com", "/"))));
        assertThat(match(m, "a.example.com", "/")).isEqualTo("wild");
        assertThat(match(m, "a.b.example.com:80", "/")).isEqualTo("wild");
        assertThat(match(m, "example.com", "/")).isNull();
        assertThat(match(m, "aexample.com", "/")).isNull();
    }

    @Test
    void exactBeatsWildcardAndLongerWildcardBeatsShorter() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(
                route("any", "*", "/"),
                route("wild", "*.example.com", "/"),
                route("deep", "*.b.example.com", "/"),
                route("exact", "a.example.com", "/"))));
        assertThat(match(m, "a.example.com", "/")).isEqualTo("exact");
        assertThat(match(m, "x.b.example.com", "/")).isEqualTo("deep");
        assertThat(match(m, "c.example.com", "/")).isEqualTo("wild");
        assertThat(match(m, "elsewhere.org", "/")).isEqualTo("any");
    }

    @Test
    void moreSpecificHostWithoutMatchingPathFallsThrough() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(
                route("api", "web.local", "/api"), route("catchall", "", "/"))));
        assertThat(match(m, "web.local", "/api/x")).isEqualTo("api");
        assertThat(match(m, "web.local", "/index.html")).isEqualTo("catchall");
    }

    @Test
    void emptyStarOrNullHostMatchesAnyHostIncludingNone() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(route("a", null, "/a"), route("b", "*", "/b"),
                route("c", "", "/c"))));
        assertThat(match(m, "whatever", "/a")).isEqualTo("a");
        assertThat(match(m, "", "/b")).isEqualTo("b");
        assertThat(match(m, null, "/c/d")).isEqualTo("c");
    }

    @Test
    void sameHostAndPathKeepsTableOrder() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(route("first", "h", "/"), route("second", "h", "/"))));
        assertThat(match(m, "h", "/")).isEqualTo("first");
    }

    @Test
    void ipv6HostKeepsItsBrackets() {
        RouteMatcher m = RouteMatcher.of(new RouteTable(1, List.of(route("v6", "[::1]", "/"))));
        assertThat(match(m, "[::1]:7780", "/")).isEqualTo("v6");
        assertThat(RouteMatcher.normalizeHost("[::1]:7780")).isEqualTo("[::1]");
    }

    @Test
    void emptyTableMatchesNothing() {
        assertThat(RouteMatcher.of(RouteTable.EMPTY).match("h", "/")).isNull();
    }
}
