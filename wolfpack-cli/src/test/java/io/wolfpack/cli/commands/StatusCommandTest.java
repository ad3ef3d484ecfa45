package io.wolfpack.cli.commands;

import io.wolfpack.cli.commands.FakeApi.Response;
import io.wolfpack.core.api.ServiceView;
import io.wolfpack.core.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatusCommandTest {
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
    void listsServicesAsATable() {
        ServiceView web = Fixtures.web(2, 3, List.of(Fixtures.running("web-a", 2)), List.of());
        ServiceView api2 = new ServiceView("api", 1, Fixtures.spec("api", 1, "api:7"), 1, 0, 0, List.of(), List.of(), null, null);
        api.on("GET", "/v1/services", Response.json(200, List.of(api2, web)));

        CliRunner.Run run = CliRunner.against(api, "status");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("""
                NAME  REVISION  DESIRED  RUNNING  HEALTHY  IMAGE                        ROUTE
                api   1         1        0        0        api:7                        api.local/
                web   2         3        1        1        registry.local:5000/web:1.4  web.local/
                """);
    }

    @Test
    void noServicesSaysHowToCreateOne() {
        api.on("GET", "/v1/services", Response.json(200, List.of()));

        assertThat(CliRunner.against(api, "status").out()).contains("no services", "wolfpack deploy");
    }

    @Test
    void oneServiceShowsHeaderInstancesAndUnplacedReasons() {
        ServiceView web = Fixtures.web(2, 4, List.of(Fixtures.running("web-k3x9q2", 2), Fixtures.backoff("web-p7m1z0", 2)),
                List.of(new ServiceView.Unplaced(2, "0/1 nodes fit: 1 insufficient memory (need 512Mi, most free 256Mi)")));
        api.on("GET", "/v1/services/web", Response.json(200, web));

        CliRunner.Run run = CliRunner.against(api, "status", "web");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("""
                name:     web
                image:    registry.local:5000/web:1.4
                revision: 2
                replicas: 4 desired, 1 running, 1 healthy
                route:    web.local/ -> port http
                updated:  2026-11-25T18:05:00Z (5m ago)

                INSTANCE    REV  NODE   STATE    HEALTH   PORTS                 RESTARTS  AGE  MESSAGE
                web-k3x9q2  2    local  running  passing  http=127.0.0.1:20417  0         5m   -
                web-p7m1z0  2    local  backoff  unknown  -                     3         2h   exited with code 1; retry in 8s

                2 unplaced: 0/1 nodes fit: 1 insufficient memory (need 512Mi, most free 256Mi)
                """);
    }

    @Test
    void jsonIsExactlyTheApisShape() {
        ServiceView web = Fixtures.web(2, 1, List.of(Fixtures.running("web-k3x9q2", 2)), List.of());
        api.on("GET", "/v1/services/web", Response.json(200, web))
                .on("GET", "/v1/services", Response.json(200, List.of(web)));

        assertThat(CliRunner.against(api, "status", "web", "--json").out()).isEqualTo(Json.pretty(web) + "\n");
        assertThat(CliRunner.against(api, "status", "--json").out()).isEqualTo(Json.pretty(List.of(web)) + "\n");
    }

    @Test
    void unknownServiceIsAnErrorWithTheServersMessage() {
        api.on("GET", "/v1/services/nope", Response.error(404, "no service named nope; see 'wolfpack status'", null));

        CliRunner.Run run = CliRunner.against(api, "status", "nope");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).isEqualTo("error: no service named nope; see 'wolfpack status'\n");
    }
}
