package io.wolfpack.agent.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's only way to the Docker engine. Speaks our records, never docker-java types, so the
 * agent can be tested against a fake. Every failure is a {@link DockerException} whose message
 * says what was tried and what the engine answered.
 */
public interface DockerEngine extends AutoCloseable {

    /** The engine's version, e.g. "20.10.24"; the cheapest "does the engine answer" call. */
    String version();

    /** Every container (running, exited or created) that carries all of these labels. */
    List<ContainerInfo> listContainers(Map<String, String> labelFilter);

    /** The container, or empty when it does not exist. */
    Optional<ContainerInfo> inspect(String containerId);

    /** The local image, or empty when it is not on this host. */
    Optional<ImageInfo> inspectImage(String ref);

    default boolean imageExists(String ref) {
        return inspectImage(ref).isPresent();
    }

    /** Pulls an image; throws with the registry's answer ("manifest unknown", "connection refused"). */
    void pull(String ref);

    /** Creates (does not start) a container; returns its id. */
    String create(ContainerRequest request);

    void start(String containerId);

    /** Stops a container, killing it after {@code graceSeconds}; a stopped container is fine. */
    void stop(String containerId, int graceSeconds);

    /** Removes a container; one that is already gone is fine. */
    void remove(String containerId, boolean force);

    /** The last {@code tail} lines of stdout and stderr. */
    String logs(String containerId, int tail);

    /** Runs a command inside a running container and returns its exit code. */
    int exec(String containerId, List<String> command, Duration timeout);

    /**
     * The container's CPU counter, as {@code docker stats --no-stream} reads it; empty when the
     * container does not exist or is not running. May take about a second (the engine samples).
     */
    Optional<CpuUsage> cpuUsage(String containerId);

    /** Builds the Dockerfile in {@code contextDir} and tags the result. */
    void buildImage(Path contextDir, String tag);

    @Override
    void close();
}
