package io.wolfpack.agent.docker;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to create one container.
 *
 * @param command     empty for the image's own command
 * @param memoryBytes memory limit, 0 for none
 * @param nanoCpus    CPU limit in billionths of a core, 0 for none
 * @param hostIp      the host address published ports bind to, e.g. 0.0.0.0 or 127.0.0.1
 */
public record ContainerRequest(String name, String image, List<String> command, Map<String, String> env,
                               Map<String, String> labels, long memoryBytes, long nanoCpus,
                               List<PortMapping> ports, String hostIp) {
    public ContainerRequest {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** A TCP container port published on a host port. */
    public record PortMapping(int containerPort, int hostPort) {
    }
}
