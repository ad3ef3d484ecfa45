package io.wolfpack.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static io.wolfpack.core.spec.SpecAssertions.BASE;
import static io.wolfpack.core.spec.SpecAssertions.onlyError;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class RouteRulesTest {
    private static final String ONE_PORT = BASE + "ports: [{name: http, container: 8080}]\n";
    private static final String TWO_PORTS = BASE + "ports: [{name: http, container: 8080}, {name: admin, container: 9090}]\n";

    @Test
    void routeDefaultsToRootPathAndTheOnlyPort() {
        assertThat(yaml(ONE_PORT + "route: {host: web.local}\n").route()).isEqualTo(new RouteSpec("web.local", "/", "http"));
        assertThat(yaml(TWO_PORTS + "route: {host: web.local, path: /api, port: admin}\n").route())
                .isEqualTo(new RouteSpec("web.local", "/api", "admin"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"web.local", "*.example.com", "localhost", "a-b.c-d.io", "127.0.0.1"})
    void validHosts(String host) {
        assertThat(yaml(ONE_PORT + "route: {host: '" + host + "'}\n").route().host()).isEqualTo(host);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            Web.local        | lower-case only: use 'web.local'
            web.local:80     | must not carry a port
            web.local/api    | put the path in route.path
            ''               | must not be empty
            web..local       | must be a host name
            -web.local       | must be a host name
            a.*.com          | must be a host name
            '*'              | must be a host name
            'web local'      | must be a host name
            """)
    void badHosts(String host, String problem) {
        onlyError(ONE_PORT + "route: {host: '" + host + "'}\n", "route.host", problem);
    }

    @Test
    void hostIsRequired() {
        onlyError(ONE_PORT + "route: {path: /}\n", "route.host", "required");
    }

    @Test
    void pathMustStartWithASlash() {
        onlyError(ONE_PORT + "route: {host: web.local, path: api}\n", "route.path", "must start with '/'");
        onlyError(ONE_PORT + "route: {host: web.local, path: '/a?b=1'}\n", "route.path", "'?'");
    }

    @Test
    void portMustNameADeclaredPort() {
        onlyError(TWO_PORTS + "route: {host: web.local, port: web}\n", "route.port", "unknown port; declared ports: http, admin");
    }

    @Test
    void portMayOnlyBeLeftOutWithExactlyOneDeclaredPort() {
        onlyError(TWO_PORTS + "route: {host: web.local}\n", "route.port", "required when several ports are declared: one of http, admin");
        onlyError(BASE + "route: {host: web.local}\n", "route.port", "a route needs a port, but none is declared");
    }
}
