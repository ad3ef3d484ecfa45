package io.wolfpack.cli.commands;

import io.wolfpack.cli.commands.FakeApi.Response;
import io.wolfpack.core.api.ScaleRequest;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.spec.FieldError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** scale, rm and logs against the fake server. */
class ServiceCommandsTest {
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
    void scaleSendsTheCountAndReportsIt() {
        api.on("PUT", "/v1/services/web/replicas", Response.json(200, Fixtures.web(2, 5, List.of(), List.of())));

        CliRunner.Run run = CliRunner.against(api, "scale", "web", "5");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("scaled web to 5 replicas (revision 2)\n");
        String body = api.requests("PUT", "/v1/services/web/replicas").get(0).body();
        assertThat(Json.read(body, ScaleRequest.class)).isEqualTo(new ScaleRequest(5));
    }

    @Test
    void scaleJsonPrintsTheServiceView() {
        ServiceView v = Fixtures.web(2, 5, List.of(), List.of());
        api.on("PUT", "/v1/services/web/replicas", Response.json(200, v));

        assertThat(CliRunner.against(api, "scale", "web", "5", "--json").out()).isEqualTo(Json.pretty(v) + "\n");
    }

    @Test
    void scaleOutOfRangeShowsTheServersFieldError() {
        api.on("PUT", "/v1/services/web/replicas", Response.error(400, "invalid replicas",
                List.of(new FieldError("replicas", "-1", "must be between 0 and 1000"))));

        CliRunner.Run run = CliRunner.against(api, "scale", "web", "-1");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("error: invalid replicas\n  - replicas: must be between 0 and 1000 (got -1)\n");
    }

    @Test
    void scaleWithANonNumberIsAUsageError() {
        CliRunner.Run run = CliRunner.against(api, "scale", "web", "lots");

        assertThat(run.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("REPLICAS", "lots");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void rmRemovesAndSaysSo() {
        api.on("DELETE", "/v1/services/web", Response.json(200, Map.of("removed", "web")));

        CliRunner.Run run = CliRunner.against(api, "rm", "web");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("removed web\n");
        assertThat(api.requests("DELETE", "/v1/services/web")).hasSize(1);
    }

    @Test
    void logsPassesInstanceAndTailAndPrintsTheText() {
        api.on("GET", "/v1/services/web/logs", Response.text("==> web-k3x9q2 <==\nlistening on :8080"));

        CliRunner.Run run = CliRunner.against(api, "logs", "web", "--instance", "web-k3x9q2", "--tail", "50");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("==> web-k3x9q2 <==\nlistening on :8080\n");
        assertThat(api.requests("GET", "/v1/services/web/logs").get(0).query()).isEqualTo("tail=50&instance=web-k3x9q2");
    }

    @Test
    void logsDefaultsToTwoHundredLinesAndRejectsAnAbsurdTail() {
        api.on("GET", "/v1/services/web/logs", Response.text(""));

        assertThat(CliRunner.against(api, "logs", "web").code()).isZero();
        assertThat(api.requests("GET", "/v1/services/web/logs").get(0).query()).isEqualTo("tail=200");

        CliRunner.Run bad = CliRunner.against(api, "logs", "web", "--tail", "0");
        assertThat(bad.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--tail 0 is out of range; use 1 to 10000 lines");
    }
}
