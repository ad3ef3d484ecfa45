package io.wolfpack.core.api;

import java.util.List;

/**
 * What a base change reaches ({@code GET /v1/images/affected?of=NAME|DIGEST}): the images built on
 * it, level by level, and the services, instances and hosts that run any of them.
 */
public record AffectedView(String of, List<List<String>> images, List<Service> services, int instances, List<String> hosts) {
    public AffectedView {
        images = images == null ? List.of() : images.stream().map(List::copyOf).toList();
        services = services == null ? List.of() : List.copyOf(services);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** A service that runs an affected image, with its instances (id and node). */
    public record Service(String service, String image, List<Instance> instances) {
        public Service {
            instances = instances == null ? List.of() : List.copyOf(instances);
        }
    }

    public record Instance(String id, String node) {
    }
}
