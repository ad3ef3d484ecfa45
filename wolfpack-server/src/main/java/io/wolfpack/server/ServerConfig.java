package io.wolfpack.server;

import io.wolfpack.core.model.NodeLiveness;
import io.wolfpack.core.schedule.PortRange;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the control plane is told at start, validated once.
 *
 * @param host         address the API binds to (127.0.0.1 unless told otherwise)
 * @param port         API port (7700; 0 picks a free one)
 * @param dataDir      where the token lives (and the embedded ZooKeeper's data, when embedded)
 * @param zookeeper    ZooKeeper connect string
 * @param token        the cluster token: opens every /v1 call
 * @param joinToken    the join token: opens only the agent and router feeds
 * @param portRange    host ports given to instances
 * @param liveness     when a silent node turns suspect and down
 * @param resyncEvery  how often every service is reconciled even without a change
 */
public record ServerConfig(String host, int port, Path dataDir, String zookeeper, String token, String joinToken,
                           PortRange portRange, NodeLiveness liveness, Duration resyncEvery) {
    public static final int DEFAULT_PORT = 7700;

    public ServerConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port " + port + " is not between 0 and 65535");
        if (token == null || token.isBlank()) throw new IllegalArgumentException("the cluster token must not be empty");
        if (joinToken == null || joinToken.isBlank()) throw new IllegalArgumentException("the join token must not be empty");
        if (joinToken.equals(token)) throw new IllegalArgumentException("the join token must differ from the cluster token");
        if (zookeeper == null || zookeeper.isBlank()) throw new IllegalArgumentException("a ZooKeeper connect string is required");
    }
}
