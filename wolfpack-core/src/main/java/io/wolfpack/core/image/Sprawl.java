package io.wolfpack.core.image;

import io.wolfpack.core.spec.ImageReference;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How many versions of what are live: per service, the distinct images its instances run; per
 * base, the distinct builds of it that running images stand on, directly or through other images,
 * and how old each is. Each extra live version is one more thing a fix must reach.
 */
public final class Sprawl {
    private Sprawl() {
    }

    /** One image a service runs and on how many of its instances. */
    public record LiveVersion(String image, int instances) {
    }

    /** The distinct images a service runs, sorted by reference. */
    public record ServiceVersions(String service, List<LiveVersion> versions) {
        public ServiceVersions {
            versions = List.copyOf(versions);
        }

        public int instances() {
            return versions.stream().mapToInt(LiveVersion::instances).sum();
        }
    }

    /**
     * One build of a base that something running stands on.
     *
     * @param ref      the base as pinned by the images built on it
     * @param builtAt  when it was built; null when Wolfpack did not build it (an external base)
     * @param age      now - builtAt; null when builtAt is unknown
     * @param images   images built directly on this version
     * @param services services running something that stands on it, directly or not
     */
    public record BaseVersion(String ref, String digest, Instant builtAt, Duration age, List<String> images, List<String> services) {
        public BaseVersion {
            images = List.copyOf(images);
            services = List.copyOf(services);
        }
    }

    /** The live versions of one base, oldest first (unknown ages last). */
    public record BaseVersions(String base, List<BaseVersion> versions) {
        public BaseVersions {
            versions = List.copyOf(versions);
        }
    }

    public record Report(Instant at, List<ServiceVersions> services, List<BaseVersions> bases) {
        public Report {
            services = List.copyOf(services);
            bases = List.copyOf(bases);
        }
    }

    /**
     * @param running what each service runs now; images with zero instances are not live and are skipped
     * @param now     the age of a base is measured to this instant
     */
    public static Report compute(List<RunningImage> running, Map<String, List<ImageBuild>> buildsByImage, Instant now) {
        BuildIndex builds = BuildIndex.of(buildsByImage);
        Map<String, Map<String, Integer>> perService = new TreeMap<>();
        Map<String, Map<String, BaseAccumulator>> perBase = new TreeMap<>();
        for (RunningImage r : running) {
            if (r.instances() == 0) continue;
            perService.computeIfAbsent(r.service(), k -> new TreeMap<>()).merge(r.image(), r.instances(), Integer::sum);
            ImageReference ref;
            try {
                ref = ImageReference.parse(r.image());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("service '" + r.service() + "' image '" + r.image() + "': " + e.getMessage(), e);
            }
            walkBases(builds.resolve(ref), r.service(), builds, perBase);
        }
        List<ServiceVersions> services = new ArrayList<>();
        perService.forEach((service, versions) -> services.add(new ServiceVersions(service,
                versions.entrySet().stream().map(e -> new LiveVersion(e.getKey(), e.getValue())).toList())));
        List<BaseVersions> bases = new ArrayList<>();
        perBase.forEach((base, versions) -> bases.add(new BaseVersions(base, versions.values().stream()
                .map(a -> a.version(now))
                .sorted((x, y) -> compareBuiltAt(x.builtAt(), y.builtAt()))
                .toList())));
        return new Report(now, services, bases);
    }

    /** Climbs from a running build through its base digests, recording each base build met on the way. */
    private static void walkBases(Optional<ImageBuild> start, String service, BuildIndex builds,
                                  Map<String, Map<String, BaseAccumulator>> perBase) {
        Set<String> seen = new HashSet<>();
        ImageBuild at = start.orElse(null);
        while (at != null && at.baseDigest() != null && seen.add(at.baseDigest())) {
            ImageBuild child = at;
            Optional<ImageBuild> base = builds.byDigest(child.baseDigest());
            String name = base.map(ImageBuild::image).orElseGet(() -> repositoryOf(child.baseImage()));
            BaseAccumulator acc = perBase.computeIfAbsent(name, k -> new TreeMap<>())
                    .computeIfAbsent(child.baseDigest(), d -> new BaseAccumulator(child.baseImage(), d, base.map(ImageBuild::builtAt).orElse(null)));
            acc.images.add(child.image());
            acc.services.add(service);
            at = base.orElse(null);
        }
    }

    private static String repositoryOf(String ref) {
        try {
            return ImageReference.parse(ref).repository();
        } catch (IllegalArgumentException e) {
            return ref;
        }
    }

    private static int compareBuiltAt(Instant a, Instant b) {
        if (a == null || b == null) return a == null ? (b == null ? 0 : 1) : -1;
        return a.compareTo(b);
    }

    private static final class BaseAccumulator {
        final String ref;
        final String digest;
        final Instant builtAt;
        final Set<String> images = new TreeSet<>();
        final Set<String> services = new TreeSet<>();

        BaseAccumulator(String ref, String digest, Instant builtAt) {
            this.ref = ref;
            this.digest = digest;
            this.builtAt = builtAt;
        }

        BaseVersion version(Instant now) {
            Duration age = builtAt == null ? null : maxZero(Duration.between(builtAt, now));
            return new BaseVersion(ref, digest, builtAt, age, List.copyOf(images), List.copyOf(services));
        }

        /** A clock behind the builder's must not make a build look younger than new. */
        private static Duration maxZero(Duration d) {
            return d.isNegative() ? Duration.ZERO : d;
        }
    }
}
