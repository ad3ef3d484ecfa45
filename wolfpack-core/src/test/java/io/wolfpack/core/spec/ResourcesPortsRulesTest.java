package io.wolfpack.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.wolfpack.core.spec.SpecAssertions.BASE;
import static io.wolfpack.core.spec.SpecAssertions.errors;
import static io.wolfpack.core.spec.SpecAssertions.onlyError;
import static io.wolfpack.core.spec.SpecAssertions.paths;
import static io.wolfpack.core.spec.SpecAssertions.yaml;
import static org.assertj.core.api.Assertions.assertThat;

class ResourcesPortsRulesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0.25    | 0.25
            2       | 2.0
            256     | 256.0
            250m    | 0.25
            1m      | 0.001
            1500m   | 1.5
            0.001   | 0.001
            """)
    void validCpu(String written, double cores) {
        assertThat(yaml(BASE + "resources: {cpu: " + written + "}\n").resources().cpu()).isEqualTo(cores);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0          | more than 0 and at most 256
            -1         | more than 0 and at most 256
            257        | more than 0 and at most 256
            0.0001     | more than 0 and at most 256
            0m         | more than 0 and at most 256
            257000m    | more than 0 and at most 256
            '"0.5"'    | write the number without quotes
            2 cores    | or millicores (e.g. 250m)
            true       | not true/false
            """)
    void badCpu(String written, String problem) {
        onlyError(BASE + "resources: {cpu: " + written + "}\n", "resources.cpu", problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            64Mi      | 67108864
            6Mi       | 6291456
            1Gi       | 1073741824
            1G        | 1000000000
            8388608   | 8388608
            256Ti     | 281474976710656
            '"8388608"' | 8388608
            """)
    void validMemory(String written, long bytes) {
        assertThat(yaml(BASE + "resources: {memory: " + written + "}\n").resources().memory().bytes()).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            64MB              | not a memory size: use a whole number of bytes
            1.5Gi             | not a memory size
            -64Mi             | not a memory size
            5Mi               | must be at least 6Mi
            1024              | must be at least 6Mi
            999999999999999T  | too large
            257Ti             | must be at most 256Ti
            300000000000000   | must be at most 256Ti
            1.5               | must be a whole number of bytes
            [64Mi]            | must be a whole number of bytes
            """)
    void badMemory(String written, String problem) {
        onlyError(BASE + "resources: {memory: " + written + "}\n", "resources.memory", problem);
    }

    @Test
    void portsAreNamedAndNumbered() {
        ServiceSpec s = yaml(BASE + "ports: [{name: http, container: 8080}, {name: admin-1, container: 9090}]\n");
        assertThat(s.ports()).containsExactly(new PortSpec("http", 8080), new PortSpec("admin-1", 9090));
        assertThat(s.port("admin-1")).contains(new PortSpec("admin-1", 9090));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {name: Http, container: 80}            | ports[0].name      | lower-case only: use 'http'
            {name: a234567890123456, container: 80} | ports[0].name     | at most 15 characters
            {name: -x, container: 80}              | ports[0].name      | must be lower-case letters
            {name: 80, container: 80}              | ports[0].name      | must be text
            {name: http, container: 0}             | ports[0].container | between 1 and 65535
            {name: http, container: 65536}         | ports[0].container | between 1 and 65535
            {name: http, container: "80"}          | ports[0].container | not text
            {container: 80}                        | ports[0].name      | required
            {name: http}                           | ports[0].container | required
            http                                   | ports[0]           | must be a mapping with the fields name, container
            """)
    void badPort(String port, String path, String problem) {
        onlyError(BASE + "ports: [" + port + "]\n", path, problem);
    }

    @Test
    void portNamesAndContainerPortsAreUnique() {
        var errors = errors(BASE + """
                ports:
                  - {name: http, container: 80}
                  - {name: http, container: 81}
                  - {name: admin, container: 80}
                """);
        paths(errors).containsExactly("ports[1].name", "ports[2].container");
        assertThat(errors.get(0).problem()).isEqualTo("duplicate port name; each port needs its own name");
        assertThat(errors.get(1).problem()).contains("duplicate container port; already declared as 'http'");
    }

    @Test
    void portsMustBeAList() {
        onlyError(BASE + "ports: {http: 80}\n", "ports", "must be a list");
    }
}
