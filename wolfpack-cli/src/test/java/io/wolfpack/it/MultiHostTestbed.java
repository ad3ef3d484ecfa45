package io.wolfpack.it;

import io.wolfpack.client.ApiClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives {@code scripts/testbed}: real hosts (network namespaces, each with its own dockerd and
 * agent), a server, a router and a registry on this machine, built from the packaged jar.
 */
final class MultiHostTestbed implements AutoCloseable {
    static final String SERVER = "http://10.213.0.1:7700";
    static final String ROUTER = "http://127.0.0.1:7781";

    final Path root = Path.of(System.getProperty("wolfpack.root", "."));
    final Path jar = Path.of(System.getProperty("wolfpack.jar", "target/wolfpack-shaded.jar"));
    final Path state = Path.of("/tmp/wolfpack-testbed-it");

    void up(int hosts) throws Exception {
        run(600, "up", "--hosts", String.valueOf(hosts), "--jar", jar.toString(), "--router-listen", "127.0.0.1:7781");
    }

    /** Makes the demo image pullable by the hosts as 10.213.0.1:5000/demo:1. */
    String pushDemo() throws Exception {
        run(300, "push", "--demo");
        return "10.213.0.1:5000/demo:1";
    }

    void killHost(int i) throws Exception {
        run(120, "kill-host", String.valueOf(i));
    }

    void startHost(int i) throws Exception {
        run(180, "start-host", String.valueOf(i));
    }

    void cutHost(int i) throws Exception {
        run(60, "cut-host", String.valueOf(i));
    }

    void healHost(int i) throws Exception {
        run(60, "heal-host", String.valueOf(i));
    }

    /** IDs of the containers of {@code service} on host {@code i}, asked of that host's own engine. */
    List<String> containersOn(int i, String service) throws Exception {
        Process p = new ProcessBuilder("docker", "-H", "unix://" + state.resolve("h" + i + "/docker.sock"), "ps", "-q",
                "--filter", "label=wolfpack.service=" + service).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("docker ps on h" + i + ": " + out);
        return out.lines().filter(l -> !l.isBlank()).toList();
    }

    /** Runs a command inside a container on host {@code i}, through that host's engine. */
    void execIn(int i, String container, String... command) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", "unix://" + state.resolve("h" + i + "/docker.sock"),
                "exec", container));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("docker exec on h" + i + " " + String.join(" ", command) + ": " + out);
        }
    }

    ApiClient api() throws IOException {
        return new ApiClient(SERVER, Files.readString(state.resolve("server/token")).trim());
    }

    Path joinTokenFile() {
        return state.resolve("server/join-token");
    }

    String serverLog() throws IOException {
        return Files.readString(state.resolve("logs/server.log"));
    }

    String run(long timeoutSeconds, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(root.resolve("scripts/testbed").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--state", state.toString()));
        Path out = Files.createTempFile("testbed-", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroy();
            throw new IllegalStateException("testbed " + String.join(" ", args) + " did not finish in " + timeoutSeconds
                    + "s:\n" + Files.readString(out));
        }
        String text = Files.readString(out);
        Files.deleteIfExists(out);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("testbed " + String.join(" ", args) + " failed (exit " + p.exitValue() + "):\n" + text);
        }
        return text;
    }

    @Override
    public void close() throws Exception {
        run(300, "down");
    }
}
