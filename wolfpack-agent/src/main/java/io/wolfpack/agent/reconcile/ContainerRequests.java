package io.wolfpack.agent.reconcile;

import io.wolfpack.agent.docker.ContainerRequest;
import io.wolfpack.agent.docker.WolfpackLabels;
import io.wolfpack.core.model.Assignment;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.spec.PortSpec;
import io.wolfpack.core.spec.ServiceSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Turns an assignment into the container to create: name, labels, limits, published ports. */
public final class ContainerRequests {
    private ContainerRequests() {
    }

    /**
     * The container for {@code a} on {@code node}, publishing ports on {@code hostIp}. The
     * container also gets WOLFPACK_INSTANCE, WOLFPACK_SERVICE and WOLFPACK_NODE in its
     * environment (the spec's env wins on a clash). No restart policy: the agent restarts.
     */
    public static ContainerRequest forAssignment(Assignment a, String node, String hostIp) {
        Instance i = a.instance();
        ServiceSpec spec = a.spec();
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(WolfpackLabels.SERVICE, i.service());
        labels.put(WolfpackLabels.INSTANCE, i.id());
        labels.put(WolfpackLabels.NODE, node);
        labels.put(WolfpackLabels.REVISION, Long.toString(i.revision()));
        labels.put(WolfpackLabels.MANAGED, "true");

        Map<String, String> env = new TreeMap<>();
        env.put("WOLFPACK_INSTANCE", i.id());
        env.put("WOLFPACK_SERVICE", i.service());
        env.put("WOLFPACK_NODE", node);
        env.putAll(spec.env());

        List<ContainerRequest.PortMapping> ports = new ArrayList<>();
        for (var hp : new TreeMap<>(i.hostPorts()).entrySet()) {
            Optional<PortSpec> port = spec.port(hp.getKey());
            // a host port for a name the spec lacks cannot be published; the server never sends one
            port.ifPresent(p -> ports.add(new ContainerRequest.PortMapping(p.container(), hp.getValue())));
        }
        long memory = spec.resources().memory() == null ? 0 : spec.resources().memory().bytes();
        long nanoCpus = Math.round(spec.resources().cpu() * 1_000_000_000L);
        return new ContainerRequest(WolfpackLabels.containerName(i.id()), spec.image(), spec.command(), env, labels,
                memory, nanoCpus, ports, hostIp);
    }
}
