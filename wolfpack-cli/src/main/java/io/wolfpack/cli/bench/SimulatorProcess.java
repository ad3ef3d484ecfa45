package io.wolfpack.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link FleetSimulator} in its own JVM (same java, same classpath), so that the simulated fleet
 * does not share the server's heap, GC or threads. Its output is echoed with a prefix; its
 * {@code SUMMARY} line is parsed into a {@link Summary}.
 */
final class SimulatorProcess implements AutoCloseable {
    /** The simulator's {@code SUMMARY key=value ...} line. */
    record Summary(Map<String, String> values) {
        static Summary parse(String line) {
            Map<String, String> m = new HashMap<>();
            for (String part : line.substring(FleetSimulator.SUMMARY.length()).trim().split("\\s+")) {
                int eq = part.indexOf('=');
                if (eq > 0) m.put(part.substring(0, eq), part.substring(eq + 1));
            }
            return new Summary(Map.copyOf(m));
        }

        double num(String key) {
            String v = values.get(key);
            if (v == null) throw new IllegalStateException("the simulator's summary has no " + key + ": " + values);
            return Double.parseDouble(v);
        }

        long count(String key) {
            return Math.round(num(key));
        }
    }

    private final Process process;
    private final OutputStream control;
    private final CompletableFuture<Summary> summary = new CompletableFuture<>();

    private SimulatorProcess(Process process, PrintStream echo) {
        this.process = process;
        this.control = process.getOutputStream();
        Thread reader = new Thread(() -> read(echo), "simulator-output");
        reader.setDaemon(true);
        reader.start();
    }

    static SimulatorProcess start(String serverUrl, Path joinTokenFile, int nodes, Duration heartbeat, int threads,
                                  PrintStream echo) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The simulator is the load, not what is measured: C1-compiled code and the serial collector
        // make it cost the shared machine less CPU (C2 compiling it alone took ~10 CPU seconds).
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx2g", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                FleetSimulator.class.getName(), "--server", serverUrl, "--join-token-file", joinTokenFile.toString(),
                "--nodes", String.valueOf(nodes), "--heartbeat", heartbeat.toMillis() + "ms", "--threads", String.valueOf(threads)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        return new SimulatorProcess(p, echo);
    }

    private void read(PrintStream echo) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(FleetSimulator.SUMMARY)) summary.complete(Summary.parse(line));
                else echo.println("    " + line);
            }
        } catch (IOException e) {
            echo.println("    [fleet output ended: " + e.getMessage() + "]");
        }
        summary.completeExceptionally(new IllegalStateException("the fleet simulator exited (code "
                + (process.isAlive() ? "?" : process.exitValue()) + ") without a summary; see its output above"));
    }

    /** Starts the simulator's measurement window afresh. */
    void reset() throws IOException {
        send("reset");
    }

    /** Stops the simulator and returns the summary of its (last) measurement window. */
    Summary stop(Duration timeout) throws IOException, InterruptedException {
        send("stop");
        try {
            Summary s = summary.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return s;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the fleet simulator gave no summary within " + timeout.toSeconds() + "s of 'stop'");
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    private void send(String command) throws IOException {
        control.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        control.flush();
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
