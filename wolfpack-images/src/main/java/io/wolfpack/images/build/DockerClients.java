package io.wolfpack.images.build;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import java.time.Duration;

/** Makes docker-java clients over the zero-dependency transport, the same way the agent does. */
public final class DockerClients {
    public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
    // A build step or a layer upload may print nothing for minutes; the stream must not time out meanwhile.
    private static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(30);

    private DockerClients() {
    }

    /** A client for {@code dockerHost} (e.g. unix:///var/run/docker.sock); null or blank means the default socket. */
    public static DockerClient connect(String dockerHost) {
        String host = dockerHost == null || dockerHost.isBlank() ? DEFAULT_HOST : dockerHost;
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(16)
                .connectionTimeout(Duration.ofSeconds(3))
                .responseTimeout(RESPONSE_TIMEOUT)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
