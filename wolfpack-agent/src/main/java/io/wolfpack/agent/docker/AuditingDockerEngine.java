package io.wolfpack.agent.docker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Logs one line per call that changes the host (pull, create, start, stop, remove, build) with its
 * outcome and duration; reads pass through silently so the log shows what the agent did.
 */
public final class AuditingDockerEngine implements DockerEngine {
    private static final Logger LOG = LoggerFactory.getLogger("io.wolfpack.agent.docker.audit");
    private final DockerEngine delegate;

    public AuditingDockerEngine(DockerEngine delegate) {
        this.delegate = delegate;
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labelFilter) {
        return delegate.listContainers(labelFilter);
    }

    @Override
    public Optional<ContainerInfo> inspect(String containerId) {
        return delegate.inspect(containerId);
    }

    @Override
    public Optional<CpuUsage> cpuUsage(String containerId) {
        return delegate.cpuUsage(containerId);
    }

    @Override
    public Optional<ImageInfo> inspectImage(String ref) {
        return delegate.inspectImage(ref);
    }

    @Override
    public void pull(String ref) {
        audit("pull " + ref, () -> { delegate.pull(ref); return null; });
    }

    @Override
    public String create(ContainerRequest request) {
        return audit("create " + request.name() + " from " + request.image(), () -> delegate.create(request));
    }

    @Override
    public void start(String containerId) {
        audit("start " + shortId(containerId), () -> { delegate.start(containerId); return null; });
    }

    @Override
    public void stop(String containerId, int graceSeconds) {
        audit("stop " + shortId(containerId), () -> { delegate.stop(containerId, graceSeconds); return null; });
    }

    @Override
    public void remove(String containerId, boolean force) {
        audit("remove " + shortId(containerId), () -> { delegate.remove(containerId, force); return null; });
    }

    @Override
    public String logs(String containerId, int tail) {
        return delegate.logs(containerId, tail);
    }

    @Override
    public int exec(String containerId, List<String> command, Duration timeout) {
        return delegate.exec(containerId, command, timeout);
    }

    @Override
    public void buildImage(Path contextDir, String tag) {
        audit("build " + tag, () -> { delegate.buildImage(contextDir, tag); return null; });
    }

    @Override
    public void close() {
        delegate.close();
    }

    private static <T> T audit(String what, Supplier<T> call) {
        long t0 = System.nanoTime();
        try {
            T result = call.get();
            LOG.info("docker {}: ok in {}ms", what, (System.nanoTime() - t0) / 1_000_000);
            return result;
        } catch (RuntimeException e) {
            LOG.info("docker {}: failed in {}ms: {}", what, (System.nanoTime() - t0) / 1_000_000, e.getMessage());
            throw e;
        }
    }

    private static String shortId(String id) {
        return id != null && id.length() > 12 ? id.substring(0, 12) : id;
    }
}
