package io.wolfpack.core.image;

import io.wolfpack.core.spec.ImageReference;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The recorded builds, looked up the ways the inventory join needs: by digest, by what a tag
 * points to now, and by what was built on a digest. A tag is taken to point to the newest recorded
 * build of that image and tag, since Wolfpack is what pushes it.
 */
public final class BuildIndex {
    private static final Comparator<ImageBuild> NEWEST_FIRST =
            Comparator.comparing(ImageBuild::builtAt, Comparator.nullsFirst(Comparator.naturalOrder())).reversed();
    private final Map<String, ImageBuild> byDigest = new HashMap<>();
    private final Map<String, ImageBuild> byTag = new HashMap<>();
    private final Map<String, List<ImageBuild>> builtOn = new HashMap<>();
    private final Map<String, Set<String>> digestsOf = new HashMap<>();

    private BuildIndex(Collection<ImageBuild> builds) {
        List<ImageBuild> sorted = new ArrayList<>(builds);
        sorted.sort(NEWEST_FIRST);
        for (ImageBuild b : sorted) {
            if (b.digest() != null) {
                byDigest.putIfAbsent(b.digest(), b);
                digestsOf.computeIfAbsent(b.image(), k -> new TreeSet<>()).add(b.digest());
            }
            byTag.putIfAbsent(b.image() + ":" + tagOrLatest(b.tag()), b);
            Set<String> on = new TreeSet<>();
            if (b.baseDigest() != null) on.add(b.baseDigest());
            for (String input : b.inputs()) {
                String d = digestOf(input);
                if (d != null) on.add(d);
            }
            on.forEach(d -> builtOn.computeIfAbsent(d, k -> new ArrayList<>()).add(b));
        }
    }

    public static BuildIndex of(Collection<ImageBuild> builds) {
        return new BuildIndex(builds);
    }

    /** From builds keyed by image name, as the store keeps them; the key is not trusted over {@link ImageBuild#image()}. */
    public static BuildIndex of(Map<String, List<ImageBuild>> buildsByImage) {
        List<ImageBuild> all = new ArrayList<>();
        if (buildsByImage != null) buildsByImage.values().forEach(all::addAll);
        return new BuildIndex(all);
    }

    /** The newest build with this manifest digest. */
    public Optional<ImageBuild> byDigest(String digest) {
        return Optional.ofNullable(byDigest.get(digest));
    }

    /** The build a reference names: by its digest when it has one, else the newest build of its repository and tag (default "latest"). */
    public Optional<ImageBuild> resolve(ImageReference ref) {
        if (ref.digest() != null) return byDigest(ref.digest());
        return Optional.ofNullable(byTag.get(ref.repository() + ":" + tagOrLatest(ref.tag())));
    }

    /** Builds whose base has this digest or that read an input pinned to it. */
    public List<ImageBuild> builtOn(String digest) {
        return builtOn.getOrDefault(digest, List.of());
    }

    /** Every digest recorded for this image. */
    public Set<String> digestsOf(String image) {
        return digestsOf.getOrDefault(image, Set.of());
    }

    private static String tagOrLatest(String tag) {
        return tag == null ? "latest" : tag;
    }

    /** Inputs are recorded as written by the builder; one that is not a valid reference has no digest to follow. */
    private static String digestOf(String ref) {
        try {
            return ImageReference.parse(ref).digest();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
