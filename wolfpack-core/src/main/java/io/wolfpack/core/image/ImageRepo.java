package io.wolfpack.core.image;

import java.time.Instant;

/**
 * A repository of Dockerfiles Wolfpack builds from.
 *
 * @param name       short name, [a-z0-9-]
 * @param source     a local path or a git URL
 * @param addedAt    when it was registered
 * @param lastCommit the commit last looked at (builds and campaigns start from changes after it); null before the first look
 */
public record ImageRepo(String name, String source, Instant addedAt, String lastCommit) {
    public ImageRepo withLastCommit(String commit) {
        return new ImageRepo(name, source, addedAt, commit);
    }
}
