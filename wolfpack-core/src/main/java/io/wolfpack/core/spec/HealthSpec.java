package io.wolfpack.core.spec;

import java.util.List;

/**
 * How the agent decides an instance is healthy. Exactly one of {@code http}, {@code tcp} and
 * {@code exec} is set. An instance turns healthy after {@code healthyAfter} passes in a row and
 * unhealthy after {@code unhealthyAfter} failures in a row.
 */
public record HealthSpec(HttpCheck http, TcpCheck tcp, List<String> exec,
                         TimeSpan interval, TimeSpan timeout, int healthyAfter, int unhealthyAfter) {
    public static final TimeSpan DEFAULT_INTERVAL = TimeSpan.ofMillis(1000);
    public static final TimeSpan DEFAULT_TIMEOUT = TimeSpan.ofMillis(500);
    public static final int DEFAULT_HEALTHY_AFTER = 1;
    public static final int DEFAULT_UNHEALTHY_AFTER = 2;

    public HealthSpec {
        exec = exec == null ? null : List.copyOf(exec);
    }

    /** An HTTP GET to the named port and path; 2xx and 3xx pass. */
    public record HttpCheck(String port, String path) {
    }

    /** A TCP connect to the named port. */
    public record TcpCheck(String port) {
    }

    /** The port name the check targets, or null for exec checks. */
    public String portName() {
        if (http != null) return http.port();
        if (tcp != null) return tcp.port();
        return null;
    }
}
