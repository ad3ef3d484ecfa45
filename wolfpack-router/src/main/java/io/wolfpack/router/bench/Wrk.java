package io.wolfpack.router.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code wrk --latency} against a proxy on 127.0.0.1 and parses what it printed. */
final class Wrk {
    /** A request slower than this counts as a wrk timeout error rather than stalling a connection. */
    static final String REQUEST_TIMEOUT = "5s";

    private final Path executable;
    private final Cleanup cleanup;

    Wrk(Path executable, Cleanup cleanup) {
        this.executable = executable;
        this.cleanup = cleanup;
    }

    /** The command line; every request carries {@code Host: bench.local}, the route both proxies serve. */
    static List<String> command(Path wrk, int threads, int connections, Duration duration, int port) {
        return List.of(wrk.toString(), "--latency", "-t" + threads, "-c" + connections,
                "-d" + Math.max(1, duration.toSeconds()) + "s", "--timeout", REQUEST_TIMEOUT,
                "-H", "Host: " + NginxConfig.HOST, "http://127.0.0.1:" + port + "/");
    }

    /** Runs wrk to completion; the process is killed by pid if the benchmark is interrupted meanwhile. */
    WrkResult run(int threads, int connections, Duration duration, int port) throws IOException, InterruptedException {
        List<String> cmd = command(executable, threads, connections, duration, port);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        AutoCloseable kill = new AutoCloseable() {
            @Override
            public void close() {
                p.destroyForcibly();
            }

            @Override
            public String toString() {
                return "wrk (pid " + p.pid() + ")";
            }
        };
        cleanup.add(kill);
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException("wrk did not exit after printing its results");
            if (cleanup.closing()) throw new IllegalStateException("interrupted; wrk was stopped");
            if (p.exitValue() != 0) {
                throw new IllegalStateException("wrk exited with code " + p.exitValue() + " (" + String.join(" ", cmd) + "):\n" + out);
            }
            return WrkResult.parse(out);
        } finally {
            if (p.isAlive()) p.destroyForcibly();
            cleanup.remove(kill);
        }
    }
}
