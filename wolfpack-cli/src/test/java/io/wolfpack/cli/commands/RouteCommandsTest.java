package io.wolfpack.cli.commands;

import io.wolfpack.cli.commands.FakeApi.Response;
import io.wolfpack.core.api.RouteDefinitionView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.route.Backend;
import io.wolfpack.core.route.Endpoint;
import io.wolfpack.core.route.Route;
import io.wolfpack.core.route.RouteTable;
import io.wolfpack.core.spec.FieldError;
import io.wolfpack.core.spec.RouteDefinition;
import io.wolfpack.core.spec.RouteDefinitions;
import io.wolfpack.core.spec.SpecParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RouteCommandsTest {
    private static final String FILE = """
            name: web
            host: web.local
            backends:
              - {service: web, weight: 33}
              - {name: legacy, static: ["127.0.0.1:9001", "127.0.0.1:9002"], weight: 67}
            """;
    private static final RouteDefinition WEB = RouteDefinitions.parse(FILE, SpecParser.Format.YAML);

    @TempDir
    Path dir;
    FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void applySendsTheFileAndSaysWhatHappened() throws IOException {
        Path file = dir.resolve("web-route.yaml");
        Files.writeString(file, FILE);
        api.on("GET", "/v1/route-definitions/web", Response.error(404, "no route file named 'web'", List.of()));
        api.on("POST", "/v1/route-definitions", Response.json(201, new RouteDefinitionView(WEB,
                List.of("overrides the route: section of service web (web.local/)"))));

        CliRunner.Run run = CliRunner.against(api, "route", "apply", "-f", file.toString());

        assertThat(run.code()).isZero();
        assertThat(api.requests).filteredOn(r -> r.method().equals("POST")).singleElement().satisfies(r -> {
            assertThat(r.body()).isEqualTo(FILE);
            assertThat(r.contentType()).isEqualTo("application/yaml");
        });
        assertThat(run.out()).isEqualTo("""
                route web created
                route web: web.local/
                BACKEND  WEIGHT  SHARE  TARGET
                web      33      33%    service web
                legacy   67      67%    static 127.0.0.1:9001,127.0.0.1:9002
                warning: overrides the route: section of service web (web.local/)
                """);
    }

    @Test
    void applyOfABadFileExitsOneNamingEveryField() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "name: web\n");
        api.on("GET", "/v1/route-definitions/web", Response.error(404, "no route file named 'web'", List.of()));
        api.on("POST", "/v1/route-definitions", Response.error(400, "invalid route file", List.of(
                new FieldError("host", null, "required"), new FieldError("backends", null, "required"))));

        CliRunner.Run run = CliRunner.against(api, "route", "apply", "-f", file.toString());

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("host").contains("backends");
    }

    @Test
    void lsShowsEveryRouteWithSharesAndSource() {
        RouteTable table = new RouteTable(7, List.of(
                new Route("api", "api.local", "/", 30_000, List.of(new Backend("api", 100,
                        List.of(new Endpoint("10.0.0.1", 20001, "api-a"))))),
                new Route("web", "web.local", "/", 30_000, List.of(
                        new Backend("web", 33, List.of(new Endpoint("10.0.0.1", 20002, "web-a"), new Endpoint("10.0.0.2", 20003, "web-b"))),
                        new Backend("legacy", 67, List.of(new Endpoint("127.0.0.1", 9001, null)))))));
        api.on("GET", "/v1/routes", Response.json(200, table));
        api.on("GET", "/v1/route-definitions", Response.json(200, List.of(new RouteDefinitionView(WEB, List.of()))));

        CliRunner.Run run = CliRunner.against(api, "route", "ls");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("""
                ROUTE  HOST       PATH  SOURCE      BACKEND  WEIGHT  SHARE  ENDPOINTS
                api    api.local  /     service     api      100     100%   1 ready
                web    web.local  /     route-file  web      33      33%    2 ready
                web    web.local  /     route-file  legacy   67      67%    1 static
                """);
    }

    @Test
    void weightSendsOnlyTheNamedBackends() {
        api.on("GET", "/v1/route-definitions/web", Response.json(200, new RouteDefinitionView(WEB, List.of())));
        api.on("PUT", "/v1/route-definitions/web/weights", Response.json(200, new RouteDefinitionView(
                RouteDefinitions.withWeights(WEB, Map.of("web", 50, "legacy", 50)), List.of())));

        CliRunner.Run run = CliRunner.against(api, "route", "weight", "web", "web=50", "legacy=50");

        assertThat(run.code()).isZero();
        assertThat(api.requests).filteredOn(r -> r.method().equals("PUT")).singleElement()
                .satisfies(r -> assertThat(Json.read(r.body(), Map.class)).isEqualTo(Map.of("web", 50, "legacy", 50)));
        assertThat(run.out()).isEqualTo("""
                route web weights: web=50 (was 33) legacy=50 (was 67)
                  web: 50% of requests
                  legacy: 50% of requests
                """);
    }

    @Test
    void weightWithoutANumberIsAUsageErrorAndSendsNothing() {
        CliRunner.Run run = CliRunner.against(api, "route", "weight", "web", "web=half");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("'web=half' is not BACKEND=WEIGHT");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void routeAloneIsAUsageErrorListingTheSubcommands() {
        CliRunner.Run run = new CliRunner().run("route");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("missing subcommand: apply, ls, show, weight or rm");
    }
}
