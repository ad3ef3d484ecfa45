package io.wolfpack.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.wolfpack.core.spec.SpecAssertions.errors;
import static io.wolfpack.core.spec.SpecAssertions.onlyError;
import static io.wolfpack.core.spec.SpecAssertions.paths;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecParserTest {
    /** The example of ARCHITECTURE.md, "The service spec", verbatim. */
    static final String ARCHITECTURE_EXAMPLE = """
            name: web                     # [a-z0-9-], unique
            image: registry.local:5000/web:1.4
            replicas: 6
            command: ["/bin/httpd", "-f", "-p", "8080"]     # optional
            env: {GREETING: hi}
            resources: {cpu: 0.25, memory: 64Mi}
            ports:
              - {name: http, container: 8080}                # host port allocated by Wolfpack
            health:
              http: {port: http, path: /healthz}             # or tcp: {port: http}, or exec: [cmd, args]
              interval: 1s
              timeout: 500ms
              unhealthyAfter: 2
            route: {host: web.local, path: /, port: http}    # what the router serves
            placement: {spread: [node, zone], constraints: ["zone != c"]}
            update: {maxSurge: 1, maxUnavailable: 0, canary: {weight: 33, hold: 60s}}
            """;

    @Test
    void architectureExampleParsesWithItsValuesAndDefaults() {
        ServiceSpec s = yaml(ARCHITECTURE_EXAMPLE);

        assertThat(s.name()).isEqualTo("web");
        assertThat(s.image()).isEqualTo("registry.local:5000/web:1.4");
        assertThat(s.replicas()).isEqualTo(6);
        assertThat(s.command()).containsExactly("/bin/httpd", "-f", "-p", "8080");
        assertThat(s.env()).isEqualTo(Map.of("GREETING", "hi"));
        assertThat(s.resources()).isEqualTo(new Resources(0.25, ByteSize.ofMebibytes(64)));
        assertThat(s.ports()).containsExactly(new PortSpec("http", 8080));
        assertThat(s.health()).isEqualTo(new HealthSpec(new HealthSpec.HttpCheck("http", "/healthz"), null, null,
                TimeSpan.ofMillis(1000), TimeSpan.ofMillis(500), 1, 2));
        assertThat(s.route()).isEqualTo(new RouteSpec("web.local", "/", "http"));
        assertThat(s.placement()).isEqualTo(new PlacementSpec(List.of("node", "zone"), List.of("zone != c"), false));
        assertThat(s.update()).isEqualTo(new UpdateSpec(1, 0, new UpdateSpec.Canary(33, TimeSpan.ofMillis(60_000))));
    }

    @Test
    void minimalSpecGetsEveryDefault() {
        ServiceSpec s = yaml("name: web\nimage: busybox\n");

        assertThat(s.replicas()).isEqualTo(1);
        assertThat(s.command()).isEmpty();
        assertThat(s.env()).isEmpty();
        assertThat(s.resources()).isEqualTo(Resources.DEFAULT);
        assertThat(s.resources().cpu()).isEqualTo(0.1);
        assertThat(s.resources().memory()).isEqualTo(ByteSize.ofMebibytes(128));
        assertThat(s.ports()).isEmpty();
        assertThat(s.health()).isNull();
        assertThat(s.route()).isNull();
        assertThat(s.placement()).isEqualTo(new PlacementSpec(List.of("node", "zone"), List.of(), false));
        assertThat(s.update()).isEqualTo(new UpdateSpec(1, 0, null));
    }

    @Test
    void sectionDefaultsAreFilledWhenTheSectionIsGiven() {
        ServiceSpec s = yaml("""
                name: web
                image: busybox
                resources: {memory: 1Gi}
                ports: [{name: http, container: 80}]
                health: {tcp: {}}
                route: {host: web.local}
                placement: {binpack: true}
                update: {canary: {weight: 10}}
                """);

        assertThat(s.resources()).isEqualTo(new Resources(0.1, ByteSize.parse("1Gi")));
        assertThat(s.health()).isEqualTo(new HealthSpec(null, new HealthSpec.TcpCheck("http"), null,
                HealthSpec.DEFAULT_INTERVAL, HealthSpec.DEFAULT_TIMEOUT, 1, 2));
        assertThat(s.route()).isEqualTo(new RouteSpec("web.local", "/", "http"));
        assertThat(s.placement()).isEqualTo(new PlacementSpec(List.of("node", "zone"), List.of(), true));
        assertThat(s.update()).isEqualTo(new UpdateSpec(1, 0, new UpdateSpec.Canary(10, TimeSpan.ofMillis(60_000))));
    }

    @Test
    void jsonInputIsReadLikeYaml() {
        ServiceSpec fromJson = SpecParser.parse("""
                {"name": "web", "image": "busybox", "replicas": 2, "env": {"A": 1},
                 "ports": [{"name": "http", "container": 80}], "route": {"host": "web.local"}}
                """, SpecParser.Format.JSON);

        assertThat(fromJson).isEqualTo(yaml("""
                name: web
                image: busybox
                replicas: 2
                env: {A: "1"}
                ports: [{name: http, container: 80}]
                route: {host: web.local}
                """));
    }

    @Test
    void explicitNullIsTheSameAsLeavingTheFieldOut() {
        assertThat(yaml("name: web\nimage: busybox\nreplicas:\nhealth:\n")).isEqualTo(yaml(SpecAssertions.BASE));
    }

    @Test
    void malformedYamlIsOneErrorWithLineAndColumn() {
        FieldError e = onlyError("name: web\n  image: busybox\n", "(document)", "malformed YAML at line 2, column 8");

        assertThat(e.problem()).contains("mapping values are not allowed here");
        assertThat(e.value()).isEqualTo("image: busybox");
    }

    @Test
    void malformedJsonIsOneErrorWithLineAndColumn() {
        SpecException e = (SpecException) org.assertj.core.api.Assertions.catchThrowable(
                () -> SpecParser.parse("{\"name\": \"web\",\n \"image\": }", SpecParser.Format.JSON));

        assertThat(e.errors()).singleElement().satisfies(err -> {
            assertThat(err.path()).isEqualTo("(document)");
            assertThat(err.problem()).startsWith("malformed JSON at line 2, column 11");
        });
    }

    @Test
    void aKeyTwiceInOneMappingIsAnError() {
        onlyError("name: web\nimage: busybox\nname: api\n", "(document)", "Duplicate field 'name'");
    }

    @Test
    void aSecondYamlDocumentIsAnError() {
        onlyError(SpecAssertions.BASE + "---\nname: api\n", "(document)", "second YAML document");
    }

    @Test
    void trailingJsonIsAnError() {
        assertThatThrownBy(() -> SpecParser.parse("{\"name\": \"web\"} {}", SpecParser.Format.JSON))
                .isInstanceOfSatisfying(SpecException.class, e -> assertThat(e.errors()).singleElement()
                        .extracting(FieldError::path).isEqualTo("(document)"));
    }

    @Test
    void yamlAliasesAreRefusedRatherThanReadAsTheirName() {
        FieldError e = onlyError("name: &n web\nimage: *n\n", "(document)", "YAML aliases are not supported (*n at line 2, column 8)");
        assertThat(e.value()).isEqualTo("image: *n");
    }

    @Test
    void yamlBytesMustBeUtf8AndMayStartWithAByteOrderMark() {
        byte[] latin1 = "name: web\nimage: busybox\nenv: {A: caf\u00e9}\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> SpecParser.parse(latin1, SpecParser.Format.YAML))
                .isInstanceOfSatisfying(SpecException.class, ex -> assertThat(ex.errors()).singleElement()
                        .extracting(FieldError::problem).asString().contains("not valid UTF-8"));
        byte[] withBom = ("\uFEFF" + SpecAssertions.BASE).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(SpecParser.parse(withBom, SpecParser.Format.YAML)).isEqualTo(yaml(SpecAssertions.BASE));
    }

    @Test
    void emptyDocumentIsAnError() {
        onlyError("# nothing here\n", "(document)", "empty");
    }

    @Test
    void aDocumentThatIsNotAMappingIsAnError() {
        onlyError("- web\n- api\n", "(document)", "must be a mapping of fields (name, image");
        onlyError("web", "(document)", "not text");
    }

    /** The cases the issue names, each alone. */
    @Test
    void issueCasesEachGiveOneClearError() {
        onlyError(SpecAssertions.BASE + "replica: 3\n", "replica",
                "unknown field 'replica'; allowed: name, image, replicas, command, env, resources, ports, health, route, placement, update");
        onlyError(SpecAssertions.BASE + "replicas: -1\n", "replicas", "must be between 0 and 1000");
        onlyError(SpecAssertions.BASE + "resources: {memory: 64MB}\n", "resources.memory", "not a memory size");
        onlyError(SpecAssertions.BASE + "ports: [{name: http, container: 80}, {name: http, container: 81}]\n",
                "ports[1].name", "duplicate port name");
        onlyError("name: Web\nimage: busybox\n", "name", "lower-case only");
        onlyError(SpecAssertions.BASE + "ports: [{name: http, container: 80}]\nhealth: {http: {port: admin}}\n",
                "health.http.port", "unknown port; declared ports: http");
    }

    @Test
    void oneDocumentWithEveryIssueCaseReportsThemAllAtOnce() {
        List<FieldError> errors = errors("""
                name: Web
                image: busybox
                replica: 3
                replicas: -1
                resources: {memory: 64MB}
                ports:
                  - {name: http, container: 8080}
                  - {name: http, container: 8081}
                health:
                  http: {port: admin}
                """);

        paths(errors).containsExactlyInAnyOrder(
                "name", "replica", "replicas", "resources.memory", "ports[1].name", "health.http.port");
        assertThat(errors).extracting(FieldError::value)
                .containsExactlyInAnyOrder("Web", "3", "-1", "64MB", "http", "admin");
        assertThat(new SpecException(errors).getMessage()).startsWith("invalid spec: 6 problems");
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "application/yaml, YAML", "application/x-yaml, YAML", "text/yaml, YAML",
            "application/yaml; charset=utf-8, YAML", "Application/JSON, JSON", "application/json, JSON",
            "application/problem+json, JSON", "NULL, JSON", "text/plain, YAML"})
    void formatFromContentType(String contentType, SpecParser.Format expected) {
        assertThat(SpecParser.Format.fromContentType(contentType)).isEqualTo(expected);
    }

    @Test
    void parseFileChoosesTheFormatByExtension(@TempDir Path dir) throws Exception {
        Path yamlFile = Files.writeString(dir.resolve("web.yml"), SpecAssertions.BASE);
        Path jsonFile = Files.writeString(dir.resolve("web.json"), "{\"name\": \"web\", \"image\": \"busybox\"}");
        Path other = Files.writeString(dir.resolve("web.spec"), SpecAssertions.BASE);
        // YAML-only syntax in a .json file must fail: the extension decides.
        Path yamlInJson = Files.writeString(dir.resolve("bad.json"), SpecAssertions.BASE);

        ServiceSpec expected = yaml(SpecAssertions.BASE);
        assertThat(SpecParser.parseFile(yamlFile)).isEqualTo(expected);
        assertThat(SpecParser.parseFile(jsonFile)).isEqualTo(expected);
        assertThat(SpecParser.parseFile(other)).isEqualTo(expected);
        assertThatThrownBy(() -> SpecParser.parseFile(yamlInJson)).isInstanceOf(SpecException.class)
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void bytesAreReadWithTheirContentType() {
        byte[] body = SpecAssertions.BASE.getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(SpecParser.parse(body, "application/yaml")).isEqualTo(yaml(SpecAssertions.BASE));
        assertThatThrownBy(() -> SpecParser.parse(body, "application/json")).isInstanceOf(SpecException.class);
    }
}
