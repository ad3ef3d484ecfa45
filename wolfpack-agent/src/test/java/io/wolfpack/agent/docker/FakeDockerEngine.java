package io.wolfpack.agent.docker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory engine: containers with labels and states, images, pulls that fail on demand.
 * Tests move containers with {@link #exit} and {@link #removeBehindTheBack}. Thread-safe.
 */
public final class FakeDockerEngine implements DockerEngine {
    private final Clock clock;
    private final Map<String, ContainerInfo> containers = new HashMap<>();
    private final Map<String, ContainerRequest> requests = new HashMap<>();
    private final Set<String> images = new HashSet<>();
    private final Map<String, Map<String, String>> imageLabels = new HashMap<>();
    private final Map<String, String> pullErrors = new HashMap<>();
    private final Map<String, Integer> pulls = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile boolean down;
    private volatile String startError;
    private final Set<String> failingChecks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final List<String> calls = new ArrayList<>();
    private final Map<String, Long> cpuNanos = new HashMap<>();

    public FakeDockerEngine(Clock clock) {
        this.clock = clock;
    }

    // ---- test controls

    public synchronized FakeDockerEngine withImage(String ref) {
        images.add(ref);
        return this;
    }

    public synchronized void failPulls(String ref, String error) {
        pullErrors.put(ref, error);
    }

    public synchronized int pullCount(String ref) {
        return pulls.getOrDefault(ref, 0);
    }

    public void setDown(boolean down) {
        this.down = down;
    }

    public void failStarts(String error) {
        this.startError = error;
    }

    /** From now on every exec in this container exits with 1, so its exec health check fails. */
    public void failChecks(String containerId) {
        failingChecks.add(containerId);
    }

    /** The container's CPU counter reads this many nanoseconds from now on. */
    public synchronized void setCpu(String id, long totalNanos) {
        cpuNanos.put(id, totalNanos);
    }

    /** The process of a running container ends with {@code code}. */
    public synchronized void exit(String id, int code) {
        ContainerInfo c = containers.get(id);
        containers.put(id, new ContainerInfo(c.id(), c.name(), c.image(), c.labels(), ContainerState.EXITED, code,
                c.startedAt(), clock.instant()));
    }

    /** Someone ran docker rm -f. */
    public synchronized void removeBehindTheBack(String id) {
        containers.remove(id);
    }

    /** Puts a container there as if someone (or an earlier agent) created it. */
    public synchronized String add(ContainerInfo c) {
        containers.put(c.id(), c);
        return c.id();
    }

    public synchronized List<ContainerInfo> all() {
        return new ArrayList<>(containers.values());
    }

    public synchronized ContainerRequest request(String id) {
        return requests.get(id);
    }

    public synchronized List<String> calls() {
        return new ArrayList<>(calls);
    }

    // ---- DockerEngine

    private void check(String call) {
        if (down) throw new DockerException(DockerException.Kind.UNREACHABLE, call + " failed: the fake engine is down");
        synchronized (this) {
            calls.add(call);
        }
    }

    @Override
    public String version() {
        check("version");
        return "20.10.24-fake";
    }

    @Override
    public synchronized List<ContainerInfo> listContainers(Map<String, String> labelFilter) {
        check("list");
        List<ContainerInfo> out = new ArrayList<>();
        for (ContainerInfo c : containers.values()) {
            boolean match = labelFilter.entrySet().stream().allMatch(e -> e.getValue().equals(c.labels().get(e.getKey())));
            if (match) out.add(c);
        }
        return out;
    }

    @Override
    public synchronized Optional<ContainerInfo> inspect(String containerId) {
        check("inspect " + containerId);
        return Optional.ofNullable(containers.get(containerId));
    }

    /** Not recorded in {@link #calls()}: the CPU sampler reads on its own schedule. */
    @Override
    public synchronized Optional<CpuUsage> cpuUsage(String containerId) {
        if (down) throw new DockerException(DockerException.Kind.UNREACHABLE, "stats of container " + containerId
                + " failed: the Docker engine does not answer (fake)");
        ContainerInfo c = containers.get(containerId);
        Long nanos = cpuNanos.get(containerId);
        if (c == null || c.state() != ContainerState.RUNNING || nanos == null) return Optional.empty();
        return Optional.of(new CpuUsage(nanos, clock.instant()));
    }

    @Override
    public synchronized Optional<ImageInfo> inspectImage(String ref) {
        check("inspectImage " + ref);
        return images.contains(ref)
                ? Optional.of(new ImageInfo("sha256:" + ref.hashCode(), imageLabels.getOrDefault(ref, Map.of())))
                : Optional.empty();
    }

    @Override
    public synchronized void pull(String ref) {
        check("pull " + ref);
        pulls.merge(ref, 1, Integer::sum);
        String err = pullErrors.get(ref);
        if (err != null) throw new DockerException(DockerException.Kind.FAILED, "pull " + ref + " failed: " + err);
        images.add(ref);
    }

    @Override
    public synchronized String create(ContainerRequest req) {
        check("create " + req.name());
        if (!images.contains(req.image())) {
            throw new DockerException(DockerException.Kind.NOT_FOUND, "create failed: No such image: " + req.image());
        }
        boolean taken = containers.values().stream().anyMatch(c -> c.name().equals(req.name()));
        if (taken) throw new DockerException(DockerException.Kind.CONFLICT, "create failed: name " + req.name() + " is in use");
        String id = String.format("%04d", ids.incrementAndGet()) + "f".repeat(60);
        containers.put(id, new ContainerInfo(id, req.name(), req.image(), req.labels(), ContainerState.CREATED, null, null, null));
        requests.put(id, req);
        return id;
    }

    @Override
    public synchronized void start(String containerId) {
        check("start " + containerId);
        ContainerInfo c = containers.get(containerId);
        if (c == null) throw new DockerException(DockerException.Kind.NOT_FOUND, "start failed: no such container " + containerId);
        if (startError != null) throw new DockerException(DockerException.Kind.FAILED, "start failed: " + startError);
        containers.put(containerId, new ContainerInfo(c.id(), c.name(), c.image(), c.labels(), ContainerState.RUNNING,
                null, clock.instant(), null));
    }

    @Override
    public synchronized void stop(String containerId, int graceSeconds) {
        check("stop " + containerId);
        ContainerInfo c = containers.get(containerId);
        if (c != null && c.running()) exit(containerId, 143);
    }

    @Override
    public synchronized void remove(String containerId, boolean force) {
        check("remove " + containerId);
        containers.remove(containerId);
    }

    @Override
    public synchronized String logs(String containerId, int tail) {
        check("logs " + containerId);
        if (!containers.containsKey(containerId)) throw new DockerException(DockerException.Kind.NOT_FOUND, "no such container");
        return "log line of " + containerId.substring(containerId.length() - 4) + " (tail " + tail + ")\n";
    }

    @Override
    public int exec(String containerId, List<String> command, Duration timeout) {
        check("exec " + containerId);
        return command.contains("fail") || failingChecks.contains(containerId) ? 1 : 0;
    }

    @Override
    public synchronized void buildImage(Path contextDir, String tag) {
        check("build " + tag);
        Map<String, String> labels = new HashMap<>();
        try {
            for (String line : java.nio.file.Files.readAllLines(contextDir.resolve("Dockerfile"))) {
                var m = java.util.regex.Pattern.compile("LABEL (\\S+)=\"(.*)\"").matcher(line);
                if (m.matches()) labels.put(m.group(1), m.group(2));
            }
        } catch (java.io.IOException e) {
            throw new DockerException(DockerException.Kind.FAILED, "build failed: no Dockerfile in " + contextDir, e);
        }
        images.add(tag);
        imageLabels.put(tag, labels);
    }

    @Override
    public void close() {
    }

    /** A container with Wolfpack's labels, for tests that set up a host. */
    public static ContainerInfo labelled(String id, String instance, String node, long revision, ContainerState state,
                                         Instant startedAt, Instant finishedAt, Integer exitCode) {
        Map<String, String> labels = Map.of(WolfpackLabels.SERVICE, instance.replaceFirst("-[^-]*$", ""),
                WolfpackLabels.INSTANCE, instance, WolfpackLabels.NODE, node,
                WolfpackLabels.REVISION, Long.toString(revision), WolfpackLabels.MANAGED, "true");
        return new ContainerInfo(id, WolfpackLabels.containerName(instance), "img", labels, state, exitCode, startedAt, finishedAt);
    }
}
