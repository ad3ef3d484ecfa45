package io.wolfpack.agent;

import io.wolfpack.agent.docker.ContainerState;
import io.wolfpack.agent.docker.FakeDockerEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AgentHttpApiTest {
    private final FakeDockerEngine engine = new FakeDockerEngine(Clock.systemUTC());
    private AgentHttpApi api;
    private int port;

    @BeforeEach
    void start() {
        engine.add(FakeDockerEngine.labelled("c".repeat(60) + "abcd", "web-1", "n1", 1, ContainerState.RUNNING, Instant.now(), null, null));
        api = new AgentHttpApi(engine, AgentConfig.builder("n1").listen("127.0.0.1", 0).token("s3cret").build());
        port = api.start();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        var b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheLogsOfAnInstance() throws Exception {
        var r = get("/v1/agent/logs?instance=web-1&tail=5", "s3cret");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(r.body()).isEqualTo("log line of abcd (tail 5)\n");
    }

    @Test
    void refusesAMissingOrWrongToken() throws Exception {
        assertThat(get("/v1/agent/logs?instance=web-1", null).statusCode()).isEqualTo(401);
        var wrong = get("/v1/agent/logs?instance=web-1", "nope");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("\"status\":401").contains("token");
    }

    @Test
    void answers404ForAnUnknownInstanceAnd400ForABadTail() throws Exception {
        var unknown = get("/v1/agent/logs?instance=web-9", "s3cret");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("web-9");
        var bad = get("/v1/agent/logs?instance=web-1&tail=zero", "s3cret");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("tail = zero");
    }
}
