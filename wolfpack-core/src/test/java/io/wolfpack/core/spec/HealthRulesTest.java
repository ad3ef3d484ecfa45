package io.wolfpack.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.wolfpack.core.spec.SpecAssertions.BASE;
import static io.wolfpack.core.spec.SpecAssertions.errors;
import static io.wolfpack.core.spec.SpecAssertions.onlyError;
import static io.wolfpack.core.spec.SpecAssertions.paths;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class HealthRulesTest {
    private static final String ONE_PORT = BASE + "ports: [{name: http, container: 8080}]\n";
    private static final String TWO_PORTS = BASE + "ports: [{name: http, container: 8080}, {name: admin, container: 9090}]\n";

    private static HealthSpec health(String ports, String health) {
        return yaml(ports + "health: " + health + "\n").health();
    }

    @Test
    void httpCheckDefaults() {
        HealthSpec h = health(TWO_PORTS, "{http: {port: admin}}");
        assertThat(h.http()).isEqualTo(new HealthSpec.HttpCheck("admin", "/"));
        assertThat(h.tcp()).isNull();
        assertThat(h.exec()).isNull();
        assertThat(h.interval()).isEqualTo(TimeSpan.ofMillis(1000));
        assertThat(h.timeout()).isEqualTo(TimeSpan.ofMillis(500));
        assertThat(h.healthyAfter()).isEqualTo(1);
        assertThat(h.unhealthyAfter()).isEqualTo(2);
        assertThat(h.portName()).isEqualTo("admin");
    }

    @Test
    void theOnlyDeclaredPortIsTheDefaultTarget() {
        assertThat(health(ONE_PORT, "{http: {path: /healthz}}").http()).isEqualTo(new HealthSpec.HttpCheck("http", "/healthz"));
        assertThat(health(ONE_PORT, "{tcp: {}}").tcp()).isEqualTo(new HealthSpec.TcpCheck("http"));
        assertThat(health(ONE_PORT, "{tcp: }").tcp()).isEqualTo(new HealthSpec.TcpCheck("http"));
        assertThat(health(ONE_PORT, "\n  http:\n  interval: 2s").http()).isEqualTo(new HealthSpec.HttpCheck("http", "/"));
    }

    @Test
    void execCheckNeedsNoPort() {
        HealthSpec h = health(BASE, "{exec: [/bin/check, --quick], interval: 5s, timeout: 2s, healthyAfter: 3, unhealthyAfter: 5}");
        assertThat(h).isEqualTo(new HealthSpec(null, null, List.of("/bin/check", "--quick"),
                TimeSpan.ofMillis(5000), TimeSpan.ofMillis(2000), 3, 5));
    }

    @Test
    void aShortIntervalShortensTheDefaultTimeout() {
        HealthSpec h = health(BASE, "{exec: [/bin/true], interval: 200ms}");
        assertThat(h.timeout()).isEqualTo(TimeSpan.ofMillis(200));
    }

    @Test
    void exactlyOneKindOfCheck() {
        onlyError(ONE_PORT + "health: {interval: 2s}\n", "health", "needs exactly one check");
        onlyError(ONE_PORT + "health: {tcp: {}}\n".replace("tcp: {}", "tcp: {}, exec: [/bin/true]"), "health",
                "has tcp and exec; choose exactly one of http, tcp and exec");
    }

    @Test
    void aCheckNamingAnUnknownPortListsTheDeclaredOnes() {
        FieldError e = onlyError(TWO_PORTS + "health: {tcp: {port: web}}\n", "health.tcp.port",
                "unknown port; declared ports: http, admin");
        assertThat(e.value()).isEqualTo("web");
        onlyError(BASE + "health: {http: {port: web}}\n", "health.http.port", "no port is declared");
    }

    @Test
    void aCheckWithoutAPortNeedsOneWhenItCannotBeGuessed() {
        onlyError(TWO_PORTS + "health: {http: {path: /}}\n", "health.http.port",
                "required when several ports are declared: one of http, admin");
        onlyError(BASE + "health: {tcp: {}}\n", "health.tcp.port", "none is declared");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {http: {path: healthz}}                  | health.http.path     | must start with '/'
            {http: {path: /a b}}                     | health.http.path     | without spaces
            {http: {path: 1}}                        | health.http.path     | must be text
            {exec: []}                               | health.exec          | must name a command
            {exec: }                                 | health.exec          | must name a command
            {exec: /bin/check}                       | health.exec          | must be a list
            {exec: [/bin/check, 1]}                  | health.exec[1]       | must be text
            {exec: [' ']}                            | health.exec[0]       | not blank
            {tcp: {}, interval: 50ms}                | health.interval      | at least 100ms
            {tcp: {}, interval: 1}                   | health.interval      | needs a unit
            {tcp: {}, interval: 1.5s}                | health.interval      | not a duration
            {tcp: {}, timeout: 0s}                   | health.timeout       | more than 0s
            {tcp: {}, timeout: 2s}                   | health.timeout       | at most the interval (1s)
            {tcp: {}, interval: 3s, timeout: 4s}     | health.timeout       | at most the interval (3s)
            {tcp: {}, healthyAfter: 0}               | health.healthyAfter  | between 1 and 100
            {tcp: {}, unhealthyAfter: 101}           | health.unhealthyAfter | between 1 and 100
            {tcp: {}, unhealthyAfter: '2'}           | health.unhealthyAfter | without quotes
            {tcp: 8080}                              | health.tcp           | must be a mapping with the fields port
            """)
    void badHealth(String health, String path, String problem) {
        onlyError(ONE_PORT + "health: " + health + "\n", path, problem);
    }

    @Test
    void everyBadHealthFieldIsReported() {
        var errors = errors(TWO_PORTS + "health: {http: {port: web, path: x}, interval: 10ms, healthyAfter: -1}\n");
        paths(errors).containsExactly("health.http.port", "health.http.path", "health.interval", "health.healthyAfter");
    }
}
