package io.wolfpack.core.api;

import io.wolfpack.core.image.ImageBuild;

import java.util.List;

/**
 * One image of a registered repository, as {@code GET /v1/images} shows it: where its Dockerfile
 * is, what it stands on, and the last build Wolfpack made of it.
 *
 * @param base         the image of the same repositories it is built on, or null
 * @param externalBase what it stands on when that is not one of ours (e.g. "scratch"), or null
 * @param level        0 for images on an external base, n for images whose inputs are all below n
 * @param latest       the newest recorded build, or null if never built
 * @param builds       how many builds are recorded
 * @param error        why its Dockerfile could not be read, or null
 */
public record ImageView(String name, String tag, String repo, String dockerfile, String base, String externalBase,
                        List<String> inputs, int level, ImageBuild latest, int builds, String error) {
    public ImageView {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
    }
}
