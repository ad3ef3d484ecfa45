package io.wolfpack.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The testbed as the drill uses it: {@code scripts/testbed} subcommands (which fail hosts by the
 * pids they recorded) and each host's own Docker engine, asked through its socket.
 */
final class DrillTestbed {
    private final Path script;
    private final Path state;

    DrillTestbed(Path script, Path state) {
        this.script = script;
        this.state = state;
    }

    /** Checks that the script exists and the state directory holds a testbed; says what to do if not. */
    void check() {
        if (!Files.isExecutable(script)) {
            throw new IllegalStateException("--testbed " + script + " is not an executable file; give the path of scripts/testbed");
        }
        if (!Files.exists(state.resolve(".wolfpack-testbed"))) {
            throw new IllegalStateException("--state " + state + " holds no testbed; start one with: " + script
                    + " up --state " + state + " (or run scripts/failover-drill, which does)");
        }
    }

    /** The host numbers of the testbed (from STATE/hosts). */
    List<Integer> hosts() throws IOException {
        List<Integer> hosts = new ArrayList<>();
        for (String line : Files.readAllLines(state.resolve("hosts"))) {
            String name = line.split("\\s+")[0];
            if (name.startsWith("h")) hosts.add(Integer.parseInt(name.substring(1)));
        }
        return hosts;
    }

    /** The host's address, as the server and router reach it. */
    String address(int host) throws IOException {
        for (String line : Files.readAllLines(state.resolve("hosts"))) {
            String[] f = line.split("\\s+");
            if (f[0].equals("h" + host)) return f[1];
        }
        throw new IllegalArgumentException("--host " + host + ": no such host in " + state.resolve("hosts") + " (hosts: " + hosts() + ")");
    }

    /** Runs {@code scripts/testbed SUBCOMMAND N --state STATE}; fails with its output if it fails. */
    String run(String subcommand, int host) throws IOException, InterruptedException {
        return exec(120, script.toString(), subcommand, String.valueOf(host), "--state", state.toString());
    }

    /** Running containers of {@code service} on host {@code host}, from that host's engine. */
    int runningContainers(int host, String service) throws IOException, InterruptedException {
        String out = docker(host, "ps", "-q", "--filter", "label=wolfpack.service=" + service);
        return (int) out.lines().filter(l -> !l.isBlank()).count();
    }

    /** Running containers of {@code service} per host ("h1" to count). */
    Map<String, Integer> runningContainers(String service) throws IOException, InterruptedException {
        Map<String, Integer> per = new TreeMap<>();
        for (int h : hosts()) per.put("h" + h, runningContainers(h, service));
        return per;
    }

    boolean hasImage(int host, String image) throws IOException, InterruptedException {
        try {
            docker(host, "image", "inspect", "--format", "{{.Id}}", image);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    void pull(int host, String image) throws IOException, InterruptedException {
        docker(host, "pull", "-q", image);
    }

    private String docker(int host, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", "unix://" + state.resolve("h" + host + "/docker.sock")));
        cmd.addAll(List.of(args));
        return exec(120, cmd.toArray(String[]::new));
    }

    private static String exec(long timeoutSeconds, String... cmd) throws IOException, InterruptedException {
        // Output goes to a file, not a pipe, so a hung command cannot block the read past the timeout.
        Path log = Files.createTempFile("failover-drill-", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + "s");
            }
            String text = Files.readString(log, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + text.trim());
            }
            return text;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
