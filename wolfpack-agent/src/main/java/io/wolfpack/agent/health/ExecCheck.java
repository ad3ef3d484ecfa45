package io.wolfpack.agent.health;

import io.wolfpack.agent.docker.DockerEngine;

import java.time.Duration;
import java.util.List;

/** Runs a command inside the container; exit code 0 passes. */
public final class ExecCheck implements HealthCheck {
    private final DockerEngine engine;
    private final String containerId;
    private final List<String> command;
    private final Duration timeout;

    public ExecCheck(DockerEngine engine, String containerId, List<String> command, Duration timeout) {
        this.engine = engine;
        this.containerId = containerId;
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    @Override
    public CheckResult run() {
        try {
            int code = engine.exec(containerId, command, timeout);
            String detail = "exec " + command + " exited with code " + code;
            return code == 0 ? CheckResult.pass(detail) : CheckResult.fail(detail);
        } catch (RuntimeException e) {
            return CheckResult.fail(e.getMessage() == null ? "exec " + command + " failed" : e.getMessage());
        }
    }
}
