package io.wolfpack.core.spec;

import io.wolfpack.core.json.Json;
import io.wolfpack.core.spec.RouteDefinition.RouteBackend;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteDefinitionsTest {
    private static final String WEB = """
            name: web
            host: web.local
            path: /
            backends:
              - {service: web, weight: 33}
              - {name: legacy, static: ["127.0.0.1:9001", "127.0.0.1:9002"], weight: 67}
            """;

    private static RouteDefinition yaml(String text) {
        return RouteDefinitions.parse(text, SpecParser.Format.YAML);
    }

    private static List<FieldError> errors(String text) {
        try {
            yaml(text);
        } catch (SpecException e) {
            return e.errors();
        }
        throw new AssertionError("expected the route file to be refused:\n" + text);
    }

    @Test
    void theIssueExampleReadsWithDefaults() {
        RouteDefinition r = yaml(WEB);
        assertThat(r.name()).isEqualTo("web");
        assertThat(r.timeout()).isNull();
        assertThat(r.backends()).containsExactly(
                new RouteBackend("web", "web", null, null, null, 33),
                new RouteBackend("legacy", null, null, null, List.of("127.0.0.1:9001", "127.0.0.1:9002"), 67));
    }

    @Test
    void theStoredFormReadsBackToTheSameRoute() {
        RouteDefinition r = yaml(WEB + "timeout: 5s\n");
        assertThat(Json.text(r)).contains("\"static\"");
        assertThat(RouteDefinitions.validate(r)).isEqualTo(r);
        assertThat(Json.read(Json.text(r), RouteDefinition.class)).isEqualTo(r);
    }

    @Test
    void aRevisionBackendIsNamedAfterItsRevisionByDefault() {
        RouteDefinition r = yaml("""
                name: web
                host: web.local
                backends: [{service: web, revision: 3, weight: 10}, {service: web, weight: 90}]
                """);
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.backends()).extracting(RouteBackend::name).containsExactly("web-r3", "web");
        assertThat(r.backends().get(0).revision()).isEqualTo(3L);
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        List<FieldError> errs = errors("""
                name: Web
                host: web.local:80
                path: api
                timeout: 5
                colour: blue
                backends:
                  - {service: web, static: ["10.0.0.1:80"]}
                  - {static: ["10.0.0.1", "[::1]:99999", "bad host:80"], weight: 2000}
                  - {weight: 3}
                  - {service: api, name: api, weight: 1}
                  - {service: api, weight: 1}
                """);
        assertThat(errs).extracting(FieldError::path).contains(
                "name", "host", "path", "timeout", "colour",
                "backends[0]", "backends[1].static[0]", "backends[1].static[1]", "backends[1].static[2]",
                "backends[1].weight", "backends[1].name", "backends[2]", "backends[4].service");
        assertThat(errs).filteredOn(e -> e.path().equals("backends[1].static[1]")).singleElement()
                .satisfies(e -> assertThat(e.problem()).contains("between 1 and 65535"));
        assertThat(errs).filteredOn(e -> e.path().equals("backends[4].service")).singleElement()
                .satisfies(e -> assertThat(e.problem()).contains("already named 'api'"));
    }

    @Test
    void weightsThatSendNothingAnywhereAreRefused() {
        assertThat(errors("name: w\nhost: w.local\nbackends: [{service: w, weight: 0}]\n"))
                .extracting(FieldError::problem).anyMatch(p -> p.contains("add up to 0"));
        assertThat(errors("name: w\nhost: w.local\nbackends: []\n")).extracting(FieldError::path).contains("backends");
        assertThat(errors("name: w\nhost: w.local\n")).extracting(FieldError::path).contains("backends");
    }

    @Test
    void withWeightsChangesOnlyTheNamedBackends() {
        RouteDefinition r = RouteDefinitions.withWeights(yaml(WEB), Map.of("legacy", 0));
        assertThat(r.backends()).extracting(RouteBackend::weight).containsExactly(33, 0);
        assertThat(r.backends().get(1).addresses()).hasSize(2);
    }

    @Test
    void withWeightsRefusesUnknownBackendsBadWeightsAndAllZeroWithoutChangingAnything() {
        RouteDefinition before = yaml(WEB);
        Map<String, Integer> bad = new LinkedHashMap<>();
        bad.put("nope", 5);
        bad.put("web", 5000);
        assertThatThrownBy(() -> RouteDefinitions.withWeights(before, bad)).isInstanceOfSatisfying(SpecException.class, e ->
                assertThat(e.errors()).extracting(FieldError::path).containsExactlyInAnyOrder("weights.nope", "weights.web"));
        assertThatThrownBy(() -> RouteDefinitions.withWeights(before, Map.of("web", 0, "legacy", 0)))
                .isInstanceOf(SpecException.class).hasMessageContaining("add up to 0");
        assertThat(before).isEqualTo(yaml(WEB));
    }

    @Test
    void addressesAcceptHostsIpv4AndBracketedIpv6() {
        assertThat(RouteDefinitionReader.address("10.0.0.5:8080")).isNull();
        assertThat(RouteDefinitionReader.address("legacy-1.example.com:80")).isNull();
        assertThat(RouteDefinitionReader.address("[::1]:8080")).isNull();
        assertThat(RouteDefinitionReader.address("::1:8080")).isNotNull();
        assertThat(RouteDefinitionReader.address("host:0")).isNotNull();
        assertThat(RouteDefinitionReader.address("host")).isNotNull();
    }
}
