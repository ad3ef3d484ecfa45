package io.wolfpack.agent.health;

import com.sun.net.httpserver.HttpServer;
import io.wolfpack.agent.docker.FakeDockerEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ChecksTest {
    private HttpServer server;
    private int port;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", ex -> { ex.sendResponseHeaders(200, -1); ex.close(); });
        server.createContext("/moved", ex -> { ex.getResponseHeaders().add("Location", "/ok"); ex.sendResponseHeaders(302, -1); ex.close(); });
        server.createContext("/broken", ex -> { ex.sendResponseHeaders(503, -1); ex.close(); });
        server.start();
        port = server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private CheckResult http(String path, int p) {
        return new HttpCheck(HttpCheck.newClient(), "127.0.0.1", p, path, Duration.ofSeconds(2)).run();
    }

    @Test
    void httpPassesOn2xxAnd3xxAndFailsOtherwise() {
        assertThat(http("/ok", port).passed()).isTrue();
        assertThat(http("/moved", port).passed()).isTrue();
        CheckResult broken = http("/broken", port);
        assertThat(broken.passed()).isFalse();
        assertThat(broken.detail()).isEqualTo("GET http://127.0.0.1:" + port + "/broken returned 503");
    }

    @Test
    void httpFailsWhenNothingListens() throws IOException {
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            free = s.getLocalPort();
        }
        CheckResult r = http("/ok", free);
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).startsWith("GET http://127.0.0.1:" + free + "/ok failed");
    }

    @Test
    void tcpPassesWhenSomethingAccepts() throws IOException {
        assertThat(new TcpCheck("127.0.0.1", port, Duration.ofSeconds(1)).run().passed()).isTrue();
        int free;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            free = s.getLocalPort();
        }
        CheckResult r = new TcpCheck("127.0.0.1", free, Duration.ofSeconds(1)).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).contains("127.0.0.1:" + free);
    }

    @Test
    void execPassesOnExitCodeZero() {
        var engine = new FakeDockerEngine(Clock.systemUTC());
        assertThat(new ExecCheck(engine, "c1", List.of("true"), Duration.ofSeconds(1)).run().passed()).isTrue();
        CheckResult r = new ExecCheck(engine, "c1", List.of("fail"), Duration.ofSeconds(1)).run();
        assertThat(r.passed()).isFalse();
        assertThat(r.detail()).contains("exited with code 1");
    }
}
