package io.wolfpack.cli.commands;

import io.wolfpack.cli.commands.FakeApi.Response;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.spec.FieldError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeployCommandTest {
    static final String YAML = "name: web\nimage: registry.local:5000/web:1.4\nreplicas: 3\n";

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
    void createsAServiceFromYamlAndSaysSo() throws IOException {
        Path file = Files.writeString(dir.resolve("web.yaml"), YAML);
        api.on("GET", "/v1/services/web", Response.error(404, "no service named web", null))
                .on("POST", "/v1/services", Response.json(201, Fixtures.web(1, 3, List.of(), List.of())));

        CliRunner.Run run = CliRunner.against(api, "deploy", "-f", file.toString());

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("created web (revision 1, 3 replicas)\n");
        FakeApi.Request post = api.requests("POST", "/v1/services").get(0);
        assertThat(post.body()).isEqualTo(YAML);
        assertThat(post.contentType()).isEqualTo("application/yaml");
        assertThat(post.authorization()).isEqualTo("Bearer s3cret");
    }

    @Test
    void updatesWithANewRevision() throws IOException {
        Path file = Files.writeString(dir.resolve("web.yml"), YAML);
        api.on("GET", "/v1/services/web", Response.json(200, Fixtures.web(1, 3, List.of(), List.of())))
                .on("POST", "/v1/services", Response.json(200, Fixtures.web(2, 3, List.of(), List.of())));

        CliRunner.Run run = CliRunner.against(api, "deploy", "-f", file.toString());

        assertThat(run.out()).isEqualTo("updated web (revision 2)\n");
    }

    @Test
    void sameSpecIsUnchanged() throws IOException {
        Path file = Files.writeString(dir.resolve("web.yaml"), YAML);
        ServiceView same = Fixtures.web(2, 3, List.of(), List.of());
        api.on("GET", "/v1/services/web", Response.json(200, same))
                .on("POST", "/v1/services", Response.json(200, same));

        assertThat(CliRunner.against(api, "deploy", "-f", file.toString()).out()).isEqualTo("web unchanged\n");
    }

    @Test
    void readsJsonFromStdinAndPrintsTheServiceViewWithJson() {
        ServiceView created = Fixtures.web(1, 3, List.of(Fixtures.running("web-k3x9q2", 1)), List.of());
        api.on("GET", "/v1/services/web", Response.error(404, "no service named web", null))
                .on("POST", "/v1/services", Response.json(201, created));
        String json = "{\"name\": \"web\", \"image\": \"web:1\"}";

        CliRunner.Run run = new CliRunner().stdin(json)
                .run("deploy", "-f", "-", "--json", "--addr", api.url(), "--token", "t");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo(Json.pretty(created) + "\n");
        assertThat(Json.read(run.out(), ServiceView.class)).isEqualTo(created);
        FakeApi.Request post = api.requests("POST", "/v1/services").get(0);
        assertThat(post.contentType()).isEqualTo("application/json");
        assertThat(post.body()).isEqualTo(json);
    }

    @Test
    void aRejectedSpecPrintsEveryFieldAndExitsOne() throws IOException {
        Path file = Files.writeString(dir.resolve("web.yaml"), YAML);
        api.on("GET", "/v1/services/web", Response.error(404, "no service named web", null))
                .on("POST", "/v1/services", Response.error(400, "invalid spec: 2 problems", List.of(
                        new FieldError("replicas", "-1", "must be between 0 and 1000"),
                        new FieldError("ports[1].name", "http", "duplicate port name; each port needs its own name"))));

        CliRunner.Run run = CliRunner.against(api, "deploy", "-f", file.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("""
                error: invalid spec: 2 problems
                  - replicas: must be between 0 and 1000 (got -1)
                  - ports[1].name: duplicate port name; each port needs its own name (got http)
                """);
    }

    @Test
    void aMissingFileIsAnErrorBeforeAnyCall() {
        CliRunner.Run run = CliRunner.against(api, "deploy", "-f", dir.resolve("nope.yaml").toString());

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("error: spec file ").contains("nope.yaml does not exist");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void withoutFileItIsAUsageError() {
        CliRunner.Run run = CliRunner.against(api, "deploy");

        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("Missing required option: '--file=FILE'");
    }
}
