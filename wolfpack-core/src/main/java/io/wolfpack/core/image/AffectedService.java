package io.wolfpack.core.image;

import java.util.List;
import java.util.Objects;

/**
 * A service that runs an affected image: which image it matched, its instances and the distinct
 * hosts they run on.
 *
 * @param image        the reference as written in the service's spec
 * @param matchedImage the image of the lineage (or of the recorded builds) it was matched to
 * @param hosts        distinct nodes of {@code instances}, sorted
 */
public record AffectedService(String service, String image, String matchedImage, List<InstanceUse> instances, List<String> hosts) {
    public AffectedService {
        instances = instances == null ? List.of() : List.copyOf(instances);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    public static AffectedService of(ServiceUse use, String matchedImage) {
        List<String> hosts = use.instances().stream().map(InstanceUse::node).filter(Objects::nonNull).distinct().sorted().toList();
        return new AffectedService(use.service(), use.image(), matchedImage, use.instances(), hosts);
    }
}
