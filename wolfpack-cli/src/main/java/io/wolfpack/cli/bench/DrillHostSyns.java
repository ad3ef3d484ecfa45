package io.wolfpack.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Counts connection attempts (TCP SYNs) that reach the failed host's instance ports, inside that
 * host's own network namespace, every 50 ms. Once a host's containers are killed, an attempt at
 * one of its ports is refused with a reset, and connection tracking in the router's namespace
 * forgets such an attempt at once, so {@link DrillConntrack} cannot see it; this can. It adds one
 * counting rule per port (no target: it only counts) to the raw table of the host's namespace,
 * tagged {@code wolfpack-drill-PID}, and removes them when closed. The namespace is the
 * testbed's own and goes away with {@code scripts/testbed down}. The sampling loop runs in the
 * namespace and ends by itself as soon as this JVM is gone.
 */
final class DrillHostSyns implements AutoCloseable {
    /** Attempts counted so far at one moment. */
    record Sample(long atNanos, long syns) {
    }

    private final Path ns;
    private final Set<Integer> ports;
    private final String tag = "wolfpack-drill-" + ProcessHandle.current().pid();
    private final List<Sample> samples = new ArrayList<>();
    private final Process loop;
    private final Thread reader;
    private volatile String unavailable;
    private volatile boolean closing;
    private volatile String oddLine;

    DrillHostSyns(int host, Set<Integer> ports) {
        this.ns = Path.of("/var/run/netns/wp-h" + host);
        this.ports = new TreeSet<>(ports);
        Process p = null;
        if (!Files.exists(ns)) {
            unavailable = "no network namespace " + ns;
        } else if (ports.isEmpty()) {
            unavailable = "no instance ports to watch";
        } else {
            try {
                for (int port : this.ports) iptables("-I", port);
                // $PPID is this JVM (nsenter execs the shell): the loop stops when the JVM is gone.
                String script = "while kill -0 $PPID 2>/dev/null; do "
                        + "out=$(iptables -w -t raw -nvxL PREROUTING) || exit 1; "
                        + "echo \"$out\" | awk -v t='/* " + tag + " */' 'index($0, t) { s += $1 } END { print \"syns \" s + 0 }'; "
                        + "sleep 0.05; done";
                p = new ProcessBuilder("nsenter", "--net=" + ns, "sh", "-c", script).redirectErrorStream(true).start();
                p.getOutputStream().close();
            } catch (IOException | IllegalStateException e) {
                unavailable = "cannot count SYNs in " + ns + ": " + e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted";
            }
        }
        this.loop = p;
        this.reader = new Thread(this::read, "drill-host-syns");
        reader.setDaemon(true);
        if (p != null) reader.start();
    }

    private void iptables(String action, int port) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("nsenter", "--net=" + ns, "iptables", "-w", "-t", "raw", action, "PREROUTING",
                "-p", "tcp", "--syn", "--dport", String.valueOf(port), "-m", "comment", "--comment", tag)
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("iptables " + action + " PREROUTING --dport " + port + " in " + ns + " failed: " + out);
        }
    }

    private void read() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(loop.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = r.readLine()) != null) {
                long at = System.nanoTime();
                Long syns = parse(line);
                if (syns == null) {
                    // A warning from iptables is not fatal; it is only the reason if no count ever comes.
                    if (oddLine == null) oddLine = line;
                    continue;
                }
                synchronized (samples) {
                    samples.add(new Sample(at, syns));
                }
            }
        } catch (IOException e) {
            if (!closing) unavailable = "reading the host's counters failed: " + e;
        }
    }

    /** The count from a line {@code syns 12} of the loop; null for anything else. */
    static Long parse(String line) {
        if (!line.startsWith("syns ")) return null;
        try {
            return Long.parseLong(line.substring(5).trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    String unavailable() {
        if (unavailable == null && loop != null && !loop.isAlive() && samples().isEmpty()) {
            return "the counting loop in " + ns + " exited (exit " + loop.exitValue() + ")" + (oddLine == null ? "" : ": " + oddLine);
        }
        return unavailable;
    }

    List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Stops the loop and removes the counting rules. */
    @Override
    public void close() throws InterruptedException {
        if (loop == null) return;
        closing = true;
        loop.destroy();
        if (!loop.waitFor(2, TimeUnit.SECONDS)) loop.destroyForcibly();
        reader.join(2000);
        for (int port : ports) {
            try {
                iptables("-D", port);
            } catch (IOException | IllegalStateException e) {
                System.err.println("failover drill: warning: " + e.getMessage() + " (the rule only counts; it goes with the namespace)");
            }
        }
    }
}
