package io.wolfpack.agent.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes every call to a real engine and counts pulls per image and list calls, for "no tight loop" checks. */
public final class CountingDockerEngine implements DockerEngine {
    private final DockerEngine delegate;
    private final Map<String, AtomicInteger> pulls = new ConcurrentHashMap<>();
    private final AtomicInteger lists = new AtomicInteger();

    public CountingDockerEngine(DockerEngine delegate) {
        this.delegate = delegate;
    }

    public int pulls(String ref) {
        AtomicInteger n = pulls.get(ref);
        return n == null ? 0 : n.get();
    }

    public int lists() {
        return lists.get();
    }

    @Override public String version() { return delegate.version(); }

    @Override public List<ContainerInfo> listContainers(Map<String, String> labelFilter) {
        lists.incrementAndGet();
        return delegate.listContainers(labelFilter);
    }

    @Override public Optional<ContainerInfo> inspect(String containerId) { return delegate.inspect(containerId); }
    @Override public Optional<ImageInfo> inspectImage(String ref) { return delegate.inspectImage(ref); }
    @Override public Optional<CpuUsage> cpuUsage(String containerId) { return delegate.cpuUsage(containerId); }

    @Override public void pull(String ref) {
        pulls.computeIfAbsent(ref, k -> new AtomicInteger()).incrementAndGet();
        delegate.pull(ref);
    }

    @Override public String create(ContainerRequest request) { return delegate.create(request); }
    @Override public void start(String containerId) { delegate.start(containerId); }
    @Override public void stop(String containerId, int graceSeconds) { delegate.stop(containerId, graceSeconds); }
    @Override public void remove(String containerId, boolean force) { delegate.remove(containerId, force); }
    @Override public String logs(String containerId, int tail) { return delegate.logs(containerId, tail); }
    @Override public int exec(String containerId, List<String> command, Duration timeout) { return delegate.exec(containerId, command, timeout); }
    @Override public void buildImage(Path contextDir, String tag) { delegate.buildImage(contextDir, tag); }
    @Override public void close() { delegate.close(); }
}
