package io.wolfpack.core.image;

import java.util.List;

/**
 * One image of a Dockerfile repository as the lineage sees it: what its final stage stands on and
 * which other images its build reads. Made from a parsed Dockerfile; the graph decides which of
 * these names are its own images and which are external.
 *
 * @param name         the image's repository name, e.g. "apps/web"
 * @param base         the graph image the final stage stands on, or null when the base is external
 * @param externalBase the external image the final stage stands on, e.g. "scratch" or "busybox:1";
 *                     null when {@code base} is set
 * @param inputs       other images the build reads (non-final stages, COPY --from): graph image
 *                     names, or external references; an entry that names no graph image is external
 */
public record ImageNode(String name, String base, String externalBase, List<String> inputs) {
    public ImageNode {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("image name must not be empty");
        if (base == null && externalBase == null) {
            throw new IllegalArgumentException("image '" + name + "' has no base: give base (a graph image) or externalBase (e.g. scratch)");
        }
        if (base != null && externalBase != null) {
            throw new IllegalArgumentException("image '" + name + "' has both base '" + base + "' and externalBase '" + externalBase
                    + "': the final stage stands on exactly one image");
        }
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }

    /** An image whose final stage stands on another image of the repository. */
    public static ImageNode onImage(String name, String base, String... inputs) {
        return new ImageNode(name, base, null, List.of(inputs));
    }

    /** An image whose final stage stands on an image from elsewhere (or on scratch). */
    public static ImageNode onExternal(String name, String externalBase, String... inputs) {
        return new ImageNode(name, null, externalBase, List.of(inputs));
    }
}
