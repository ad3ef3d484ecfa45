package io.wolfpack.agent.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** {@link DockerEngine} over docker-java; docker-java types stay inside this class. */
public final class DockerJavaEngine implements DockerEngine {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    private static final Duration PULL_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration LOGS_TIMEOUT = Duration.ofSeconds(30);
    /** A one-shot stats call waits for the engine's next sample, about a second; this is far beyond. */
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host;
    private final DockerClient client;

    public DockerJavaEngine(String dockerHost) {
        this.host = dockerHost == null || dockerHost.isBlank() ? DEFAULT_HOST : dockerHost;
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(Duration.ofSeconds(60))
                .build();
        this.client = DockerClientImpl.getInstance(config, http);
    }

    public String host() {
        return host;
    }

    @Override
    public String version() {
        return call("version", () -> client.versionCmd().exec().getVersion());
    }

    @Override
    public List<ContainerInfo> listContainers(Map<String, String> labelFilter) {
        var listed = call("list containers " + labelFilter,
                () -> client.listContainersCmd().withShowAll(true).withLabelFilter(labelFilter).exec());
        List<ContainerInfo> out = new ArrayList<>(listed.size());
        // the list has no start/finish times or exit codes; inspect each (a node runs few containers)
        for (var c : listed) inspect(c.getId()).ifPresent(out::add);
        return out;
    }

    @Override
    public Optional<ContainerInfo> inspect(String containerId) {
        try {
            InspectContainerResponse r = call("inspect container " + containerId,
                    () -> client.inspectContainerCmd(containerId).exec());
            var s = r.getState();
            String name = r.getName() == null ? "" : r.getName().replaceFirst("^/", "");
            Map<String, String> labels = r.getConfig() == null ? Map.of() : r.getConfig().getLabels();
            String image = r.getConfig() == null ? r.getImageId() : r.getConfig().getImage();
            Instant started = time(s.getStartedAt());
            Instant finished = time(s.getFinishedAt());
            Long exit = s.getExitCodeLong();
            Integer exitCode = finished == null && exit != null && exit == 0 ? null : exit == null ? null : exit.intValue();
            return Optional.of(new ContainerInfo(r.getId(), name, image, labels, ContainerState.fromDocker(s.getStatus()),
                    exitCode, started, finished));
        } catch (DockerException e) {
            if (e.kind() == DockerException.Kind.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    @Override
    public Optional<CpuUsage> cpuUsage(String containerId) {
        String what = "stats of container " + containerId;
        Statistics stats;
        try {
            stats = call(what, () -> {
                var callback = new ResultCallback.Adapter<Statistics>() {
                    volatile Statistics last;

                    @Override
                    public void onNext(Statistics s) {
                        last = s;
                    }
                };
                try (callback) {
                    client.statsCmd(containerId).withNoStream(true).exec(callback);
                    if (!callback.awaitCompletion(STATS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        throw new DockerException(DockerException.Kind.FAILED,
                                what + " did not answer within " + STATS_TIMEOUT.toSeconds() + "s");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DockerException(DockerException.Kind.FAILED, what + " was interrupted", e);
                } catch (IOException e) {
                    // closing the finished call; nothing left to do
                }
                return callback.last;
            });
        } catch (DockerException e) {
            if (e.kind() == DockerException.Kind.NOT_FOUND) return Optional.empty();
            throw e;
        }
        if (stats == null || stats.getCpuStats() == null || stats.getCpuStats().getCpuUsage() == null) return Optional.empty();
        Long total = stats.getCpuStats().getCpuUsage().getTotalUsage();
        // A container that is not running answers with a zero time ("0001-01-01...") and no counter.
        Instant read = time(stats.getRead());
        return total == null || read == null ? Optional.empty() : Optional.of(new CpuUsage(total, read));
    }

    @Override
    public Optional<ImageInfo> inspectImage(String ref) {
        try {
            InspectImageResponse r = call("inspect image " + ref, () -> client.inspectImageCmd(ref).exec());
            Map<String, String> labels = r.getConfig() == null ? Map.of() : r.getConfig().getLabels();
            return Optional.of(new ImageInfo(r.getId(), labels));
        } catch (DockerException e) {
            if (e.kind() == DockerException.Kind.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    @Override
    public void pull(String ref) {
        ImageRef image = ImageRef.parse(ref);
        call("pull " + ref, () -> {
            try {
                boolean done = client.pullImageCmd(image.repository()).withTag(image.tag())
                        .exec(new PullImageResultCallback())
                        .awaitCompletion(PULL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (!done) throw new DockerException(DockerException.Kind.FAILED,
                        "pull " + ref + " did not finish within " + PULL_TIMEOUT.toMinutes() + " minutes");
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DockerException(DockerException.Kind.FAILED, "pull " + ref + " was interrupted", e);
            }
        });
    }

    @Override
    public String create(ContainerRequest req) {
        return call("create container " + req.name() + " from " + req.image(), () -> {
            Ports ports = new Ports();
            List<ExposedPort> exposed = new ArrayList<>();
            for (var p : req.ports()) {
                ExposedPort port = ExposedPort.tcp(p.containerPort());
                exposed.add(port);
                ports.add(new PortBinding(Ports.Binding.bindIpAndPort(req.hostIp(), p.hostPort()), port));
            }
            HostConfig hostConfig = HostConfig.newHostConfig().withPortBindings(ports);
            if (req.memoryBytes() > 0) hostConfig.withMemory(req.memoryBytes());
            if (req.nanoCpus() > 0) hostConfig.withNanoCPUs(req.nanoCpus());
            List<String> env = req.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList();
            CreateContainerCmd cmd = client.createContainerCmd(req.image())
                    .withName(req.name())
                    .withLabels(req.labels())
                    .withEnv(env)
                    .withExposedPorts(exposed)
                    .withHostConfig(hostConfig);
            if (!req.command().isEmpty()) cmd.withCmd(req.command());
            return cmd.exec().getId();
        });
    }

    @Override
    public void start(String containerId) {
        call("start container " + containerId, () -> {
            try {
                client.startContainerCmd(containerId).exec();
            } catch (NotModifiedException alreadyRunning) {
                // started by someone else meanwhile: the wanted outcome
            }
            return null;
        });
    }

    @Override
    public void stop(String containerId, int graceSeconds) {
        call("stop container " + containerId, () -> {
            try {
                client.stopContainerCmd(containerId).withTimeout(graceSeconds).exec();
            } catch (NotModifiedException alreadyStopped) {
                // nothing to do
            }
            return null;
        });
    }

    @Override
    public void remove(String containerId, boolean force) {
        try {
            call("remove container " + containerId, () -> {
                client.removeContainerCmd(containerId).withForce(force).withRemoveVolumes(true).exec();
                return null;
            });
        } catch (DockerException e) {
            if (e.kind() != DockerException.Kind.NOT_FOUND) throw e;
        }
    }

    @Override
    public String logs(String containerId, int tail) {
        return call("logs of container " + containerId, () -> {
            StringBuilder out = new StringBuilder();
            var callback = new ResultCallback.Adapter<Frame>() {
                @Override
                public void onNext(Frame frame) {
                    synchronized (out) {
                        out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                }
            };
            try {
                client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tail)
                        .exec(callback).awaitCompletion(LOGS_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (out) {
                return out.toString();
            }
        });
    }

    @Override
    public int exec(String containerId, List<String> command, Duration timeout) {
        return call("exec " + command + " in container " + containerId, () -> {
            ExecCreateCmdResponse exec = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
                    .withAttachStdout(true).withAttachStderr(true).exec();
            try {
                boolean done = client.execStartCmd(exec.getId()).exec(new ResultCallback.Adapter<Frame>())
                        .awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) throw new DockerException(DockerException.Kind.FAILED,
                        "exec " + command + " in container " + containerId + " did not finish within " + timeout.toMillis() + "ms");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DockerException(DockerException.Kind.FAILED, "exec " + command + " was interrupted", e);
            }
            Long code = client.inspectExecCmd(exec.getId()).exec().getExitCodeLong();
            return code == null ? -1 : code.intValue();
        });
    }

    @Override
    public void buildImage(Path contextDir, String tag) {
        call("build " + tag + " from " + contextDir, () -> client.buildImageCmd(contextDir.toFile())
                .withTags(Set.of(tag)).withRemove(true).withPull(false)
                .exec(new BuildImageResultCallback())
                .awaitImageId(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing idle connections; nothing left to do
        }
    }

    /** Runs one docker-java call and turns any failure into a DockerException that says what was tried. */
    private <T> T call(String what, Supplier<T> body) {
        try {
            return body.get();
        } catch (DockerException e) {
            throw e;
        } catch (NotFoundException e) {
            throw new DockerException(DockerException.Kind.NOT_FOUND, what + " failed: " + engineMessage(e), e);
        } catch (ConflictException e) {
            throw new DockerException(DockerException.Kind.CONFLICT, what + " failed: " + engineMessage(e), e);
        } catch (com.github.dockerjava.api.exception.DockerException e) {
            throw new DockerException(DockerException.Kind.FAILED, what + " failed: " + engineMessage(e), e);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) root = root.getCause();
            boolean io = root instanceof IOException;
            String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            if (io) {
                throw new DockerException(DockerException.Kind.UNREACHABLE,
                        what + " failed: the Docker engine at " + host + " does not answer (" + detail + ")", e);
            }
            String msg = e.getMessage() == null ? detail : e.getMessage();
            throw new DockerException(DockerException.Kind.FAILED, what + " failed: " + msg.strip(), e);
        }
    }

    /** docker-java puts the engine's JSON body in the message: "Status 404: {"message":"No such image"}". */
    static String engineMessage(com.github.dockerjava.api.exception.DockerException e) {
        String msg = e.getMessage() == null ? "HTTP " + e.getHttpStatus() : e.getMessage().strip();
        int brace = msg.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode node = JSON.readTree(msg.substring(brace));
                if (node.hasNonNull("message")) return node.get("message").asText().strip();
            } catch (IOException | RuntimeException notJson) {
                // keep the raw text
            }
        }
        return msg;
    }

    private static Instant time(String text) {
        if (text == null || text.isBlank() || text.startsWith("0001-01-01")) return null;
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
