package io.wolfpack.agent;

import io.wolfpack.agent.docker.DockerEngine;
import io.wolfpack.agent.docker.DockerJavaEngine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Answers "can the agent reach a Docker engine here?" before it starts, and when not, says in
 * several lines what was tried, what failed and how to fix it on Debian.
 */
public final class DockerDiagnosis {
    private DockerDiagnosis() {
    }

    /** Empty when the engine at {@code dockerHost} answers; otherwise the explanation. */
    public static Optional<String> check(String dockerHost) {
        String host = dockerHost == null || dockerHost.isBlank() ? DockerJavaEngine.DEFAULT_HOST : dockerHost;
        try (DockerEngine engine = new DockerJavaEngine(host)) {
            engine.version();
            return Optional.empty();
        } catch (RuntimeException e) {
            return Optional.of(explain(host, e.getMessage()));
        }
    }

    /** The message for an engine at {@code host} that failed with {@code error}. */
    static String explain(String host, String error) {
        StringBuilder sb = new StringBuilder();
        sb.append("Cannot reach a Docker engine at ").append(host).append('\n');
        sb.append("  error: ").append(error == null ? "no answer" : error).append('\n');
        socketProblem(host).ifPresent(p -> sb.append("  ").append(p).append('\n'));
        sb.append("To fix it on Debian:\n");
        sb.append("  apt-get install -y docker.io && dockerd &     (no systemd, e.g. inside a container)\n");
        sb.append("  systemctl start docker                        (with systemd)\n");
        sb.append("Or point Wolfpack at another engine: --docker unix:///path/to/docker.sock (or tcp://HOST:2375)");
        return sb.toString();
    }

    private static Optional<String> socketProblem(String host) {
        if (!host.startsWith("unix://")) return Optional.empty();
        Path socket = Path.of(URI.create(host).getPath());
        if (!Files.exists(socket)) return Optional.of("the socket " + socket + " does not exist: no engine is running there");
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return Optional.of("the socket " + socket + " exists but this user may not use it: run as root or join the 'docker' group");
        }
        return Optional.of("the socket " + socket + " exists but the engine behind it does not answer");
    }
}
