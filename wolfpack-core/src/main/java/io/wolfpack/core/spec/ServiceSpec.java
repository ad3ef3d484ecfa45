package io.wolfpack.core.spec;

import java.util.List;
import java.util.Map;

/**
 * The contract users write: what a service is and how it should run. Immutable and already
 * validated; build one from user text with {@link SpecParser}, which reports every bad field.
 * Optional parts are {@code null} when absent (health, route, autoscale); the others carry their
 * defaults. With {@code autoscale}, {@code replicas} is where the service starts and the autoscaler
 * changes it within min and max.
 */
public record ServiceSpec(
        String name,
        String image,
        int replicas,
        List<String> command,
        Map<String, String> env,
        Resources resources,
        List<PortSpec> ports,
        HealthSpec health,
        RouteSpec route,
        PlacementSpec placement,
        UpdateSpec update,
        AutoscaleSpec autoscale) {

    public ServiceSpec(String name, String image, int replicas, List<String> command, Map<String, String> env,
                       Resources resources, List<PortSpec> ports, HealthSpec health, RouteSpec route,
                       PlacementSpec placement, UpdateSpec update) {
        this(name, image, replicas, command, env, resources, ports, health, route, placement, update, null);
    }

    public ServiceSpec {
        command = command == null ? List.of() : List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
        ports = ports == null ? List.of() : List.copyOf(ports);
        resources = resources == null ? Resources.DEFAULT : resources;
        placement = placement == null ? PlacementSpec.DEFAULT : placement;
        update = update == null ? UpdateSpec.DEFAULT : update;
    }

    /** The declared port with this name, if any. */
    public java.util.Optional<PortSpec> port(String portName) {
        return ports.stream().filter(p -> p.name().equals(portName)).findFirst();
    }

    public ServiceSpec withReplicas(int newReplicas) {
        return new ServiceSpec(name, image, newReplicas, command, env, resources, ports, health, route, placement, update, autoscale);
    }
}
