package io.wolfpack.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static io.wolfpack.core.spec.SpecAssertions.BASE;
import static io.wolfpack.core.spec.SpecAssertions.errors;
import static io.wolfpack.core.spec.SpecAssertions.onlyError;
import static io.wolfpack.core.spec.SpecAssertions.paths;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;

/** name, image, replicas, command, env, unknown fields and types. */
class TopLevelRulesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "web", "web-1", "0abc", "a23456789012345678901234567890123456789012345678901234567890123"})
    void validNames(String name) {
        assertThat(yaml("name: \"" + name + "\"\nimage: busybox\n").name()).isEqualTo(name);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -web      | must be lower-case letters, digits and '-'
            web-      | must be lower-case letters, digits and '-'
            web_1     | must be lower-case letters, digits and '-'
            ''        | must be lower-case letters, digits and '-'
            WEB       | lower-case only: use 'web'
            a234567890123456789012345678901234567890123456789012345678901234 | at most 63 characters
            """)
    void badNames(String name, String problem) {
        FieldError e = onlyError("name: \"" + name + "\"\nimage: busybox\n", "name", problem);
        assertThat(e.value()).isEqualTo(name);
    }

    @Test
    void nameAndImageAreRequired() {
        var errors = errors("replicas: 2\n");
        paths(errors).containsExactly("name", "image");
        assertThat(errors).allSatisfy(e -> {
            assertThat(e.value()).isNull();
            assertThat(e.problem()).startsWith("required");
        });
    }

    @Test
    void aNumberWhereTextIsExpectedIsAnErrorWithAHint() {
        onlyError("name: 123\nimage: busybox\n", "name", "must be text");
        onlyError("name: 123\nimage: busybox\n", "name", "put it in quotes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"busybox", "busybox:1.36", "library/busybox", "registry.local:5000/web:1.4",
            "localhost/team/web", "ghcr.io/org/my_app.v2:latest",
            "busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "reg.example.com/a/b:tag@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void validImages(String image) {
        assertThat(yaml("name: web\nimage: \"" + image + "\"\n").image()).isEqualTo(image);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            ''                        | must not be empty
            busy box                  | must not contain spaces
            'busybox '                | must not contain spaces
            Busybox:1                 | must be lower-case: use 'busybox'
            reg.local/Team/web        | must be lower-case
            busybox:                  | tag '' must be
            busybox:-x                | tag '-x'
            web@sha256:abc            | digest 'sha256:abc'
            web@md5:0123              | digest
            -web                      | repository '-web'
            reg..local/web            | registry 'reg..local'
            """)
    void badImages(String image, String problem) {
        onlyError("name: web\nimage: \"" + image + "\"\n", "image", problem);
    }

    @Test
    void replicasDefaultsToOneAndAcceptsZeroToAThousand() {
        assertThat(yaml(BASE).replicas()).isEqualTo(1);
        assertThat(yaml(BASE + "replicas: 0\n").replicas()).isZero();
        assertThat(yaml(BASE + "replicas: 1000\n").replicas()).isEqualTo(1000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -1                     | must be between 0 and 1000
            1001                   | must be between 0 and 1000
            99999999999999999999   | must be between 0 and 1000
            2.5                    | must be a whole number between 0 and 1000
            '"3"'                  | not text; write the number without quotes
            [3]                    | not a list
            true                   | not true/false
            """)
    void badReplicas(String value, String problem) {
        onlyError(BASE + "replicas: " + value + "\n", "replicas", problem);
    }

    @Test
    void commandIsAListOfStrings() {
        assertThat(yaml(BASE + "command: [/bin/sh, -c, 'echo hi']\n").command()).containsExactly("/bin/sh", "-c", "echo hi");
        onlyError(BASE + "command: /bin/httpd -f\n", "command", "must be a list of strings");
        onlyError(BASE + "command: [/bin/sleep, 5]\n", "command[1]", "must be text, not a whole number");
        onlyError(BASE + "command: {a: b}\n", "command", "must be a list");
    }

    @Test
    void envTurnsScalarsIntoText() {
        ServiceSpec s = yaml(BASE + "env: {A: hi, B: 3, C: 1.10, D: true, _E1: '', f: x, G: 1e3, H: '0x1F'}\n");
        assertThat(s.env()).isEqualTo(Map.of("A", "hi", "B", "3", "C", "1.10", "D", "true", "_E1", "", "f", "x",
                "G", "1000", "H", "0x1F"));
    }

    @Test
    void envRejectsBadNamesNestedValuesAndNulls() {
        var errors = errors(BASE + "env: {1A: x, A-B: y, OK: z, N: {x: 1}, L: [1], Z: }\n");
        paths(errors).containsExactly("env[\"1A\"]", "env[\"A-B\"]", "env.N", "env.L", "env.Z");
        assertThat(errors.get(0).problem()).contains("letters, digits and '_'");
        assertThat(errors.get(2).problem()).contains("not a mapping");
        assertThat(errors.get(3).problem()).contains("not a list");
        assertThat(errors.get(4).problem()).contains("write \"\" for an empty one");
        onlyError(BASE + "env: [A=1]\n", "env", "must be a mapping");
    }

    @Test
    void unknownFieldsAreReportedAtEveryLevelWithWhatIsAllowed() {
        var errors = errors(BASE + """
                Replicas: 2
                resources: {cpus: 1}
                ports: [{name: http, container: 80, protocol: udp}]
                health: {tcp: {port: http, host: x}, retries: 3}
                route: {host: web.local, tls: true}
                placement: {spread: [node], affinity: x}
                update: {maxSurge: 1, canary: {weight: 5, steps: 2}}
                """);

        paths(errors).containsExactlyInAnyOrder("Replicas", "resources.cpus", "ports[0].protocol", "health.tcp.host",
                "health.retries", "route.tls", "placement.affinity", "update.canary.steps");
        assertThat(errors).filteredOn(e -> e.path().equals("Replicas")).singleElement()
                .extracting(FieldError::problem).asString().contains("did you mean 'replicas'?");
        assertThat(errors).filteredOn(e -> e.path().equals("resources.cpus")).singleElement()
                .extracting(FieldError::problem).asString().isEqualTo("unknown field 'cpus'; allowed: cpu, memory (did you mean 'cpu'?)");
        assertThat(errors).filteredOn(e -> e.path().equals("route.tls")).singleElement()
                .extracting(FieldError::problem).asString().isEqualTo("unknown field 'tls'; allowed: host, path, port");
    }

    @Test
    void aSectionThatIsNotAMappingIsAnError() {
        onlyError(BASE + "resources: 1\n", "resources", "must be a mapping with the fields cpu, memory, not a whole number");
        onlyError(BASE + "update: []\n", "update", "must be a mapping");
    }
}
