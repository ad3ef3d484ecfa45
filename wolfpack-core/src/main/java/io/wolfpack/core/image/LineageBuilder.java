package io.wolfpack.core.image;

import io.wolfpack.core.spec.ImageReference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the parsed Dockerfiles of the registered repositories into the lineage graph: a FROM or
 * COPY --from that names one of our images (by its repository name, whatever registry host or tag
 * is written: the builder reaches the registry at another address than the hosts do) is an edge;
 * anything else is external.
 */
public final class LineageBuilder {
    private LineageBuilder() {
    }

    /** One image of a repository with its parsed Dockerfile. */
    public record Definition(String name, String tag, ParsedDockerfile dockerfile) {
    }

    public static LineageGraph graph(Collection<Definition> definitions) {
        Set<String> names = new TreeSet<>();
        for (Definition d : definitions) names.add(d.name());
        List<ImageNode> nodes = new ArrayList<>();
        for (Definition d : definitions) nodes.add(node(d, names));
        return LineageGraph.of(nodes);
    }

    static ImageNode node(Definition d, Set<String> ours) {
        String finalBase = d.dockerfile().finalBase();
        Optional<String> base = internalName(finalBase, ours).filter(b -> !b.equals(d.name()));
        Set<String> inputs = new LinkedHashSet<>();
        for (String input : d.dockerfile().buildInputs()) {
            internalName(input, ours).filter(i -> !i.equals(d.name())).ifPresent(inputs::add);
        }
        base.ifPresent(inputs::remove);
        return new ImageNode(d.name(), base.orElse(null), base.isPresent() ? null : finalBase, List.copyOf(inputs));
    }

    /** The name of our image that {@code ref} points at, if it is one of ours. */
    public static Optional<String> internalName(String ref, Set<String> ours) {
        if (ref == null || ref.equalsIgnoreCase("scratch")) return Optional.empty();
        try {
            String repository = ImageReference.parse(ref).repository();
            return ours.contains(repository) ? Optional.of(repository) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
