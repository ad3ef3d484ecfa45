package io.wolfpack.cli.commands;

import io.wolfpack.cli.commands.FakeApi.Response;
import io.wolfpack.core.api.NodeView;
import io.wolfpack.core.json.Json;
import io.wolfpack.core.model.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NodesCommandTest {
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
    void tableShowsResourcesLabelsAndHeartbeatAgeThenEngineErrors() {
        api.on("GET", "/v1/nodes", Response.json(200, List.of(
                Fixtures.node("local", NodeState.READY, null),
                Fixtures.node("edge-2", NodeState.SUSPECT, "cannot connect to unix:///var/run/docker.sock"))));

        CliRunner.Run run = CliRunner.against(api, "nodes");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("""
                NAME    STATE    ADDRESS    CPU    MEMORY      INSTANCES  ENGINE    LABELS           HEARTBEAT
                local   ready    127.0.0.1  0.3/2  384Mi/23Gi  3          20.10.24  disk=ssd,zone=a  1s ago
                edge-2  suspect  127.0.0.1  0.3/2  384Mi/23Gi  3          error     disk=ssd,zone=a  1s ago

                node edge-2: engine error: cannot connect to unix:///var/run/docker.sock
                """);
    }

    @Test
    void jsonIsTheNodeViewList() {
        List<NodeView> nodes = List.of(Fixtures.node("local", NodeState.READY, null));
        api.on("GET", "/v1/nodes", Response.json(200, nodes));

        CliRunner.Run run = CliRunner.against(api, "nodes", "--json");

        assertThat(run.out()).isEqualTo(Json.pretty(nodes) + "\n");
    }

    @Test
    void wrongTokenExplainsWhereTheTokenComesFrom() {
        api.on("GET", "/v1/nodes", Response.error(401, "missing or wrong token; the token is in the server's DATA_DIR/token", null));

        CliRunner.Run run = CliRunner.against(api, "nodes");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("error: missing or wrong token; the token is in the server's DATA_DIR/token\nhint: ")
                .contains("--token", "WOLFPACK_TOKEN", ".wolfpack/token");
    }
}
