package io.wolfpack.router.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One nginx (master and workers) started in the foreground ({@code daemon off}) as a child of this
 * JVM, with its own prefix directory, and stopped by its pid. Its output and error log stay in the
 * prefix and are shown when it fails to start.
 */
final class NginxProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path prefix;

    private NginxProcess(String name, Process process, Path prefix) {
        this.name = name;
        this.process = process;
        this.prefix = prefix;
    }

    /**
     * Writes {@code config} into {@code prefix}, starts nginx on it, registers it with
     * {@code cleanup} at once, and returns when every port in {@code ports} accepts connections.
     */
    static NginxProcess start(String name, Path nginx, Path prefix, String config, List<Integer> ports, Cleanup cleanup)
            throws IOException, InterruptedException {
        Files.createDirectories(prefix);
        Path conf = Files.writeString(prefix.resolve("nginx.conf"), config);
        // -e: the log nginx writes before it has read the config (else /var/log/nginx/error.log)
        Process p = new ProcessBuilder(nginx.toString(), "-p", prefix + "/", "-c", conf.toString(),
                "-e", prefix.resolve("error.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("nginx.out").toFile())
                .start();
        NginxProcess n = cleanup.add(new NginxProcess(name, p, prefix));
        n.awaitPorts(ports);
        return n;
    }

    long pid() {
        return process.pid();
    }

    /** CPU time used so far by the master and its workers. */
    Duration cpu() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants())
                .map(h -> h.info().totalCpuDuration().orElse(Duration.ZERO))
                .reduce(Duration.ZERO, Duration::plus);
    }

    private void awaitPorts(List<Integer> ports) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        for (int port : ports) {
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " nginx exited with code " + process.exitValue()
                            + " while starting; its output:\n" + logs());
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(name + " nginx did not accept connections on 127.0.0.1:" + port
                            + " within " + START_TIMEOUT.toSeconds() + "s; its output:\n" + logs());
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String logs() {
        StringBuilder b = new StringBuilder();
        for (String f : List.of("nginx.out", "error.log")) {
            try {
                Path path = prefix.resolve(f);
                if (Files.exists(path)) b.append(Files.readString(path, StandardCharsets.UTF_8).strip()).append('\n');
            } catch (IOException e) {
                b.append("(cannot read ").append(f).append(": ").append(e.getMessage()).append(")\n");
            }
        }
        return b.length() == 0 ? "(none)" : b.toString();
    }

    /**
     * SIGTERM to the master (nginx's fast shutdown: it stops its workers, then exits); if it has
     * not exited within 5 s, SIGKILL to it and to the workers it had, by their pids.
     */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(2, TimeUnit.SECONDS);
        }
        for (ProcessHandle w : workers) {
            if (w.isAlive()) w.destroyForcibly();
        }
    }

    @Override
    public String toString() {
        return name + " nginx (pid " + process.pid() + ")";
    }
}
