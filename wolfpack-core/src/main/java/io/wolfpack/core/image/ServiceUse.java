package io.wolfpack.core.image;

import java.util.List;

/**
 * A service and the image its spec runs, with its running instances: the inventory side of the
 * join with the lineage.
 *
 * @param image the image reference exactly as written in the service's spec
 */
public record ServiceUse(String service, String image, List<InstanceUse> instances) {
    public ServiceUse {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
