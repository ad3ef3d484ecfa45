package io.wolfpack.it;

import io.wolfpack.client.ApiClient;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code wolfpack dev} in a child JVM, on free ports and its own data directory and node
 * name, so that tests can kill -9 it and start it again exactly as an operator would.
 */
final class DevProcess implements AutoCloseable {
    final Path dataDir;
    final String node;
    final int apiPort;
    final int routerPort;
    private Process process;
    private Path log;

    DevProcess(Path dataDir, String node) throws IOException {
        this.dataDir = dataDir;
        this.node = node;
        this.apiPort = freePort();
        this.routerPort = freePort();
        Files.createDirectories(dataDir);
        Files.writeString(dataDir.resolve("node-name"), node + "\n");
    }

    void start() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "io.wolfpack.cli.Main", "dev",
                "--data-dir", dataDir.toString(),
                "--listen", "127.0.0.1:" + apiPort,
                "--router", "127.0.0.1:" + routerPort,
                "--port-range", "31000-31999"));
        log = dataDir.resolve("dev-" + System.nanoTime() + ".log");
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("wolfpack dev exited early:\n" + Files.readString(log));
            if (Files.exists(dataDir.resolve("token"))) {
                try {
                    api().nodes();
                    if (!api().nodes().isEmpty()) return;
                } catch (RuntimeException notYet) {
                    // still starting
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("wolfpack dev did not come up within 60s:\n" + Files.readString(log));
    }

    ApiClient api() throws IOException {
        return new ApiClient("http://127.0.0.1:" + apiPort, Files.readString(dataDir.resolve("token")).trim());
    }

    String routerUrl() {
        return "http://127.0.0.1:" + routerPort;
    }

    String output() throws IOException {
        return log == null ? "" : Files.readString(log);
    }

    /** Like kill -9: no shutdown hook runs. */
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }
}
