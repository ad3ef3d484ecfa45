package io.wolfpack.images.build;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real registry for tests: Debian's docker-registry (CNCF distribution) serving plain HTTP on
 * 127.0.0.1 and a free port, storing into a temp directory. Docker trusts 127.0.0.0/8 without TLS.
 * Stopped by its own pid in {@link #close()}.
 */
final class TestRegistry implements AutoCloseable {
    private static final String BINARY = "/usr/bin/docker-registry";
    private final Process process;
    private final String address;
    private final Path log;

    private TestRegistry(Process process, String address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    static TestRegistry start(Path dir) throws IOException, InterruptedException {
        installIfMissing();
        Files.createDirectories(dir.resolve("storage"));
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        Path config = dir.resolve("config.yml");
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: %s
                """.formatted(dir.resolve("storage"), address));
        Path log = dir.resolve("registry.log");
        Process p = new ProcessBuilder(BINARY, "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestRegistry registry = new TestRegistry(p, address, log);
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                if (!p.isAlive()) throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
                try {
                    return http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                } catch (IOException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException e) {
            registry.close();
            throw e;
        }
        return registry;
    }

    private static void installIfMissing() throws IOException, InterruptedException {
        if (Files.isExecutable(Path.of(BINARY))) return;
        Process apt = new ProcessBuilder("apt-get", "install", "-y", "-q", "docker-registry").inheritIO().start();
        if (apt.waitFor() != 0 || !Files.isExecutable(Path.of(BINARY))) {
            throw new IllegalStateException("this test needs Debian's docker-registry: apt-get install -y docker-registry");
        }
    }

    /** host:port, e.g. 127.0.0.1:41234 */
    String address() {
        return address;
    }

    Path log() {
        return log;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
