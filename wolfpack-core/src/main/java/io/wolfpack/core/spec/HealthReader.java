package io.wolfpack.core.spec;

import java.util.ArrayList;
import java.util.List;

/** Reads {@code health}: exactly one of http, tcp and exec, and the timing of the checks. */
final class HealthReader {
    static final List<String> FIELDS = List.of("http", "tcp", "exec", "interval", "timeout", "healthyAfter", "unhealthyAfter");
    static final List<String> HTTP_FIELDS = List.of("port", "path");
    static final List<String> TCP_FIELDS = List.of("port");
    static final TimeSpan MIN_INTERVAL = TimeSpan.ofMillis(100);
    static final int MAX_IN_A_ROW = 100;
    private static final String DEFAULT_PATH = "/";

    private HealthReader() {
    }

    /** The health check, or null when the spec has none (or it is bad; then the problems say why). */
    static HealthSpec read(Fields spec, List<String> declaredPorts) {
        Fields h = spec.section("health", FIELDS);
        if (h == null) return null;
        List<String> kinds = new ArrayList<>();
        for (String kind : List.of("http", "tcp", "exec")) {
            if (h.written(kind)) kinds.add(kind);
        }
        if (kinds.isEmpty()) {
            spec.problem("health", spec.get("health"), "needs exactly one check: http: {port, path}, tcp: {port} or exec: [command, args]");
        } else if (kinds.size() > 1) {
            spec.problem("health", spec.get("health"), "has " + String.join(" and ", kinds) + "; choose exactly one of http, tcp and exec");
        }
        HealthSpec.HttpCheck http = http(h, declaredPorts);
        HealthSpec.TcpCheck tcp = tcp(h, declaredPorts);
        List<String> exec = exec(h);
        TimeSpan interval = h.duration("interval");
        if (interval != null && interval.compareTo(MIN_INTERVAL) < 0) {
            h.problem("interval", h.get("interval"), "must be at least " + MIN_INTERVAL);
        }
        TimeSpan timeout = h.duration("timeout");
        TimeSpan effectiveInterval = interval == null ? HealthSpec.DEFAULT_INTERVAL : interval;
        if (timeout != null && timeout.millis() == 0) {
            h.problem("timeout", h.get("timeout"), "must be more than 0s");
        } else if (timeout != null && timeout.compareTo(effectiveInterval) > 0) {
            h.problem("timeout", h.get("timeout"), "must be at most the interval (" + effectiveInterval
                    + "), so that one check ends before the next starts");
        }
        // A short interval shortens the default timeout with it rather than making the spec invalid.
        TimeSpan defaultTimeout = HealthSpec.DEFAULT_TIMEOUT.compareTo(effectiveInterval) > 0 ? effectiveInterval : HealthSpec.DEFAULT_TIMEOUT;
        Integer healthyAfter = h.integer("healthyAfter", 1, MAX_IN_A_ROW);
        Integer unhealthyAfter = h.integer("unhealthyAfter", 1, MAX_IN_A_ROW);
        return new HealthSpec(http, tcp, exec, effectiveInterval,
                timeout == null ? defaultTimeout : timeout,
                healthyAfter == null ? HealthSpec.DEFAULT_HEALTHY_AFTER : healthyAfter,
                unhealthyAfter == null ? HealthSpec.DEFAULT_UNHEALTHY_AFTER : unhealthyAfter);
    }

    private static HealthSpec.HttpCheck http(Fields h, List<String> declaredPorts) {
        Fields http = h.sectionOrEmpty("http", HTTP_FIELDS);
        if (http == null) return null;
        String port = PortRef.read(http, "port", declaredPorts, "the health check");
        String path = http.text("path", "a path such as /healthz");
        if (path != null) {
            String problem = SpecRules.path(path);
            if (problem != null) http.problem("path", http.get("path"), problem);
        }
        return new HealthSpec.HttpCheck(port, path == null ? DEFAULT_PATH : path);
    }

    private static HealthSpec.TcpCheck tcp(Fields h, List<String> declaredPorts) {
        Fields tcp = h.sectionOrEmpty("tcp", TCP_FIELDS);
        if (tcp == null) return null;
        return new HealthSpec.TcpCheck(PortRef.read(tcp, "port", declaredPorts, "the health check"));
    }

    private static List<String> exec(Fields h) {
        List<String> exec = h.texts("exec", "the command to run in the container and its arguments");
        if (exec == null && h.written("exec") && !h.has("exec")) {
            h.missing("exec", "must name a command to run in the container, e.g. [\"/bin/check\", \"--quick\"]");
        } else if (exec != null && exec.isEmpty()) {
            h.problem("exec", h.get("exec"), "must name a command to run in the container, e.g. [\"/bin/check\", \"--quick\"]");
        } else if (exec != null && exec.get(0).isBlank()) {
            h.problem("exec[0]", h.get("exec").get(0), "must be the program to run, not blank");
        }
        return exec;
    }
}
