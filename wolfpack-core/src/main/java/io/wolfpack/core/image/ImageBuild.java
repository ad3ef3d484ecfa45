package io.wolfpack.core.image;

import java.time.Instant;
import java.util.List;

/**
 * One image Wolfpack made and pushed: what it is (repository name, tag, manifest digest), what it
 * stands on (the base exactly as pinned, and its digest), and where it came from. The lineage
 * graph is kept at this level: digest → base digest.
 *
 * @param image      repository name in the registry, e.g. "apps/web" (no registry host, no tag)
 * @param digest     manifest digest, "sha256:…"
 * @param baseImage  the final stage's base as pinned for the build, e.g. "127.0.0.1:5000/base@sha256:…",
 *                   or "scratch"
 * @param baseDigest the base's manifest digest; null for scratch
 * @param inputs     other images the build read (non-final stages, COPY --from)
 * @param source     the repository's path or URL
 * @param revision   the git commit the Dockerfile was read at
 * @param dockerfile the Dockerfile's path inside the repository
 * @param method     "build" or "rebase"
 * @param note       why this path was taken (e.g. why a rebase was not safe); may be empty
 */
public record ImageBuild(String image, String tag, String digest, String baseImage, String baseDigest,
                         List<String> inputs, String source, String revision, String dockerfile,
                         Instant builtAt, String method, String note) {
    public static final String BUILD = "build";
    public static final String REBASE = "rebase";

    public ImageBuild {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        note = note == null ? "" : note;
    }
}
