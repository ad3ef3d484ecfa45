package io.wolfpack.agent;

import io.wolfpack.agent.docker.DockerJavaEngine;
import io.wolfpack.core.spec.ByteSize;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Settings of one agent, validated once when built.
 *
 * @param advertiseAddress where other hosts and routers reach this node's published ports
 * @param dockerHost       the engine, e.g. unix:///var/run/docker.sock
 * @param publishIp        the host address published ports bind to (0.0.0.0; dev uses 127.0.0.1)
 * @param cpu              cores offered to the scheduler
 * @param memory           memory offered to the scheduler
 * @param listenHost       where the agent's small API (container logs) listens; port 0 picks one
 * @param token            the cluster token, checked on the agent API
 * @param stopGrace        how long a removed container gets to stop before it is killed
 * @param backoffInitial   first wait after an exit or failed start; doubles up to backoffMax
 * @param backoffResetAfter a container that ran this long (with a check: passed it this long) starts its failure count over
 * @param unhealthyRestartMin the least time a container fails its check before it is restarted for it
 * @param startGrace       a container that never passed its check is not restarted for failing it before it ran this long
 */
public record AgentConfig(String nodeName, String advertiseAddress, Map<String, String> labels, String dockerHost,
                          String publishIp, double cpu, ByteSize memory, Duration heartbeatInterval,
                          Duration reconcileInterval, Duration assignmentsWait, String listenHost, int listenPort,
                          String token, Duration stopGrace, Duration backoffInitial, Duration backoffMax,
                          Duration backoffResetAfter, Duration unhealthyRestartMin, Duration startGrace) {
    private static final Pattern NODE_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?");

    public AgentConfig {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        List<String> problems = new ArrayList<>();
        if (nodeName == null || !NODE_NAME.matcher(nodeName).matches()) {
            problems.add("nodeName = " + nodeName + ": use 1-63 characters of a-z, 0-9, '.' and '-', starting and ending with a letter or digit");
        }
        if (advertiseAddress == null || advertiseAddress.isBlank()) problems.add("advertiseAddress: required, e.g. 127.0.0.1");
        if (dockerHost == null || dockerHost.isBlank()) problems.add("dockerHost: required, e.g. " + DockerJavaEngine.DEFAULT_HOST);
        if (publishIp == null || publishIp.isBlank()) problems.add("publishIp: required, e.g. 0.0.0.0 or 127.0.0.1");
        if (!(cpu > 0)) problems.add("cpu = " + cpu + ": must be more than 0 cores");
        if (memory == null || memory.bytes() <= 0) problems.add("memory = " + memory + ": must be more than 0, e.g. 4Gi");
        positive(problems, "heartbeatInterval", heartbeatInterval);
        positive(problems, "reconcileInterval", reconcileInterval);
        positive(problems, "assignmentsWait", assignmentsWait);
        positive(problems, "backoffInitial", backoffInitial);
        positive(problems, "backoffMax", backoffMax);
        if (stopGrace == null || stopGrace.isNegative()) problems.add("stopGrace = " + stopGrace + ": must be 0s or more");
        if (backoffResetAfter == null || backoffResetAfter.isNegative()) problems.add("backoffResetAfter = " + backoffResetAfter + ": must be 0s or more");
        if (unhealthyRestartMin == null || unhealthyRestartMin.isNegative()) problems.add("unhealthyRestartMin = " + unhealthyRestartMin + ": must be 0s or more");
        if (startGrace == null || startGrace.isNegative()) problems.add("startGrace = " + startGrace + ": must be 0s or more");
        if (backoffInitial != null && backoffMax != null && backoffMax.compareTo(backoffInitial) < 0) {
            problems.add("backoffMax = " + backoffMax + ": must be at least backoffInitial (" + backoffInitial + ")");
        }
        if (listenHost == null || listenHost.isBlank()) problems.add("listenHost: required, e.g. 127.0.0.1");
        if (listenPort < 0 || listenPort > 65535) problems.add("listenPort = " + listenPort + ": must be 0-65535 (0 picks a free port)");
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid agent config: " + String.join("; ", problems));
        }
    }

    private static void positive(List<String> problems, String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) problems.add(name + " = " + d + ": must be more than 0s");
    }

    /** Defaults for a node: the whole machine offered, 1s heartbeat and reconcile, ports on 0.0.0.0. */
    public static Builder builder(String nodeName) {
        return new Builder(nodeName);
    }

    /** The cores of this machine. */
    public static double machineCpu() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** The physical memory of this machine, or the JVM's max heap if the OS does not say. */
    public static ByteSize machineMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            long total = os.getTotalMemorySize();
            if (total > 0) return new ByteSize(total);
        }
        return new ByteSize(Runtime.getRuntime().maxMemory());
    }

    /** Fills in defaults; {@link #build()} validates. */
    public static final class Builder {
        private final String nodeName;
        private String advertiseAddress = "127.0.0.1";
        private Map<String, String> labels = Map.of();
        private String dockerHost = DockerJavaEngine.DEFAULT_HOST;
        private String publishIp = "0.0.0.0";
        private double cpu = machineCpu();
        private ByteSize memory = machineMemory();
        // What the server advises up to 1,000 nodes (HeartbeatPolicy); a larger fleet asks for less, never more.
        private Duration heartbeatInterval = Duration.ofMillis(500);
        private Duration reconcileInterval = Duration.ofSeconds(1);
        private Duration assignmentsWait = Duration.ofSeconds(20);
        private String listenHost = "127.0.0.1";
        private int listenPort = 7701;
        private String token = "";
        private Duration stopGrace = Duration.ofSeconds(10);
        private Duration backoffInitial = Duration.ofSeconds(1);
        private Duration backoffMax = Duration.ofSeconds(60);
        private Duration backoffResetAfter = Duration.ofSeconds(60);
        private Duration unhealthyRestartMin = Duration.ofSeconds(5);
        private Duration startGrace = Duration.ofSeconds(30);

        private Builder(String nodeName) {
            this.nodeName = nodeName;
        }

        public Builder advertiseAddress(String v) { this.advertiseAddress = v; return this; }
        public Builder labels(Map<String, String> v) { this.labels = v; return this; }
        public Builder dockerHost(String v) { this.dockerHost = v; return this; }
        public Builder publishIp(String v) { this.publishIp = v; return this; }
        public Builder cpu(double v) { this.cpu = v; return this; }
        public Builder memory(ByteSize v) { this.memory = v; return this; }
        public Builder heartbeatInterval(Duration v) { this.heartbeatInterval = v; return this; }
        public Builder reconcileInterval(Duration v) { this.reconcileInterval = v; return this; }
        public Builder assignmentsWait(Duration v) { this.assignmentsWait = v; return this; }
        public Builder listen(String host, int port) { this.listenHost = host; this.listenPort = port; return this; }
        public Builder token(String v) { this.token = v; return this; }
        public Builder stopGrace(Duration v) { this.stopGrace = v; return this; }
        public Builder backoff(Duration initial, Duration max) { this.backoffInitial = initial; this.backoffMax = max; return this; }
        public Builder backoffResetAfter(Duration v) { this.backoffResetAfter = v; return this; }
        public Builder unhealthyRestartMin(Duration v) { this.unhealthyRestartMin = v; return this; }
        public Builder startGrace(Duration v) { this.startGrace = v; return this; }

        public AgentConfig build() {
            return new AgentConfig(nodeName, advertiseAddress, labels, dockerHost, publishIp, cpu, memory,
                    heartbeatInterval, reconcileInterval, assignmentsWait, listenHost, listenPort, token, stopGrace,
                    backoffInitial, backoffMax, backoffResetAfter, unhealthyRestartMin, startGrace);
        }
    }

    /** Where health checks reach published ports: the bound address, or loopback when bound to all. */
    public String checkHost() {
        return "0.0.0.0".equals(publishIp) || "::".equals(publishIp) ? "127.0.0.1" : publishIp;
    }
}
