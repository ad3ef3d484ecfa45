package io.wolfpack.images.git;

import java.nio.file.Path;

/**
 * One image of a repository at one commit.
 *
 * @param name           repository name to push to, e.g. "apps/web" (from image.yaml or the directory)
 * @param tag            tag to push, "latest" unless image.yaml says otherwise
 * @param dir            the image's directory in the repository, "" for the root
 * @param dockerfilePath the Dockerfile's path in the repository, e.g. "apps/web/Dockerfile"
 * @param dockerfileText the Dockerfile as committed
 * @param contextDir     the image's directory as exported from the commit: the build context
 */
public record ImageSource(String name, String tag, String dir, String dockerfilePath, String dockerfileText, Path contextDir) {
}
