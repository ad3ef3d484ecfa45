package io.wolfpack.core.image;

import io.wolfpack.core.spec.ImageReference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a bad image reaches: the images built on it, transitively, and the services running any of
 * them, with their instances and hosts. The question is asked by name ("everything on base") or
 * by digest ("everything on this exact build").
 *
 * <p>A service matches an image when its reference's repository equals the image's name (the
 * registry host is ignored: the builder and the hosts reach one registry at different addresses),
 * or when its reference's digest is one recorded for the image.
 */
public final class AffectedSet {
    private static final Pattern DIGEST = Pattern.compile("sha256:[a-f0-9]{64}");

    private AffectedSet() {
    }

    /**
     * @param roots    the images the query names (empty for an external image or an unrecorded digest)
     * @param images   the images built on the roots, transitively, level by level (names sorted in a level)
     * @param services the services running a root or one of {@code images}, sorted by name
     */
    public record Result(String query, List<String> roots, List<List<String>> images, List<AffectedService> services) {
        public Result {
            roots = List.copyOf(roots);
            images = images.stream().map(List::copyOf).toList();
            services = List.copyOf(services);
        }

        public int imageCount() {
            return images.stream().mapToInt(List::size).sum();
        }

        public int serviceCount() {
            return services.size();
        }

        public int instanceCount() {
            return services.stream().mapToInt(s -> s.instances().size()).sum();
        }

        public int hostCount() {
            return (int) services.stream().flatMap(s -> s.hosts().stream()).distinct().count();
        }
    }

    /**
     * @param query an image name (a full reference is accepted; only its repository counts) or a
     *              manifest digest "sha256:…". A name that is not in the graph is taken as an
     *              external image, and the graph images that stand on it or read it are affected.
     * @throws IllegalArgumentException when the query is neither a valid name nor a digest, or names
     *                                  an image nothing in the graph is built on
     */
    public static Result compute(LineageGraph graph, String query, Map<String, List<ImageBuild>> buildsByImage, List<ServiceUse> uses) {
        if (query == null || query.isBlank()) throw new IllegalArgumentException("image name or digest must not be empty");
        BuildIndex builds = BuildIndex.of(buildsByImage);
        if (query.startsWith("sha256:")) {
            if (!DIGEST.matcher(query).matches()) {
                throw new IllegalArgumentException("digest '" + query + "' must be sha256: followed by 64 lower-case hex digits");
            }
            return byDigest(graph, query, builds, uses);
        }
        return byName(graph, query, builds, uses);
    }

    private static Result byName(LineageGraph graph, String query, BuildIndex builds, List<ServiceUse> uses) {
        String name;
        try {
            name = ImageReference.parse(query).repository();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + query + "' is neither an image name nor a digest: " + e.getMessage(), e);
        }
        List<String> roots = graph.contains(name) ? List.of(name) : List.of();
        Set<String> affected = new TreeSet<>();
        if (graph.contains(name)) {
            affected.addAll(graph.descendants(name));
        } else {
            for (String direct : standingOnExternal(graph, name)) {
                affected.add(direct);
                affected.addAll(graph.descendants(direct));
            }
            if (affected.isEmpty()) {
                throw new IllegalArgumentException("no image '" + name + "' in the lineage and no image is built on it; images: "
                        + String.join(", ", graph.names()));
            }
        }
        Set<String> names = new TreeSet<>(affected);
        names.add(name);
        List<AffectedService> services = new ArrayList<>();
        for (ServiceUse use : uses) {
            ImageReference ref = parseUse(use);
            if (names.contains(ref.repository())) {
                services.add(AffectedService.of(use, ref.repository()));
            } else if (ref.digest() != null) {
                builds.byDigest(ref.digest()).filter(b -> names.contains(b.image()))
                        .ifPresent(b -> services.add(AffectedService.of(use, b.image())));
            }
        }
        return result(query, roots, graph.levelsWithin(affected), services);
    }

    /**
     * Follows recorded builds, not the graph: the builds with this digest, then every build whose
     * base or input was pinned to one of the digests found so far. Tag references of services
     * count when the tag points (see {@link BuildIndex#resolve}) at one of those builds.
     */
    private static Result byDigest(LineageGraph graph, String digest, BuildIndex builds, List<ServiceUse> uses) {
        Set<String> digests = new TreeSet<>();
        Set<String> affected = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(digest));
        while (!todo.isEmpty()) {
            String d = todo.pop();
            if (!digests.add(d)) continue;
            for (ImageBuild b : builds.builtOn(d)) {
                affected.add(b.image());
                if (b.digest() != null) todo.push(b.digest());
            }
        }
        List<String> roots = builds.byDigest(digest).map(b -> List.of(b.image())).orElse(List.of());
        affected.removeAll(roots);
        List<AffectedService> services = new ArrayList<>();
        for (ServiceUse use : uses) {
            ImageReference ref = parseUse(use);
            Optional<ImageBuild> runs = builds.resolve(ref);
            String runsDigest = ref.digest() != null ? ref.digest() : runs.map(ImageBuild::digest).orElse(null);
            if (runsDigest != null && digests.contains(runsDigest)) {
                services.add(AffectedService.of(use, runs.map(ImageBuild::image).orElse(ref.repository())));
            }
        }
        return result(digest, roots, levels(graph, affected), services);
    }

    /** Graph images in graph order; images known only from builds (no longer in the repository) last. */
    private static List<List<String>> levels(LineageGraph graph, Set<String> images) {
        List<List<String>> out = new ArrayList<>(graph.levelsWithin(images.stream().filter(graph::contains).toList()));
        List<String> gone = images.stream().filter(i -> !graph.contains(i)).toList();
        if (!gone.isEmpty()) out.add(gone);
        return out;
    }

    private static List<String> standingOnExternal(LineageGraph graph, String name) {
        List<String> out = new ArrayList<>();
        for (String image : graph.names()) {
            ImageNode node = graph.node(image).orElseThrow();
            List<String> external = new ArrayList<>(node.inputs().stream().filter(i -> !graph.contains(i)).toList());
            if (node.externalBase() != null) external.add(node.externalBase());
            if (external.stream().anyMatch(ref -> name.equals(repositoryOrNull(ref)))) out.add(image);
        }
        return out;
    }

    private static String repositoryOrNull(String ref) {
        try {
            return ImageReference.parse(ref).repository();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ImageReference parseUse(ServiceUse use) {
        try {
            return ImageReference.parse(use.image());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("service '" + use.service() + "' image '" + use.image() + "': " + e.getMessage(), e);
        }
    }

    private static Result result(String query, List<String> roots, List<List<String>> images, List<AffectedService> services) {
        services.sort(Comparator.comparing(AffectedService::service).thenComparing(AffectedService::image));
        return new Result(query, roots, images, services);
    }
}
