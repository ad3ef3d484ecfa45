package io.wolfpack.agent.docker;

import java.time.Instant;
import java.util.Map;

/**
 * A container as the engine reports it.
 *
 * @param name       without Docker's leading slash
 * @param exitCode   the last exit code, null while it never exited
 * @param startedAt  null when never started
 * @param finishedAt null when it never exited
 */
public record ContainerInfo(String id, String name, String image, Map<String, String> labels,
                            ContainerState state, Integer exitCode, Instant startedAt, Instant finishedAt) {
    public ContainerInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String label(String key) {
        return labels.get(key);
    }

    public boolean running() {
        return state == ContainerState.RUNNING;
    }

    public String shortId() {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}
