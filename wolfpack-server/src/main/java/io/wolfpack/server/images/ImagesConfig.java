package io.wolfpack.server.images;

import io.wolfpack.core.spec.TimeSpan;
import io.wolfpack.core.spec.UpdateSpec;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the server builds and patches images (docs/IMAGES.md).
 *
 * @param registry       the registry as hosts reach it and specs name it, e.g. "10.213.0.1:5000"; null: images are off
 * @param pushRegistry   the same registry as this server's engine reaches it (Docker trusts plain HTTP on
 *                       loopback only), e.g. "127.0.0.1:5000"; defaults to {@code registry}
 * @param docker         the engine that builds, e.g. unix:///var/run/docker.sock
 * @param workDir        clones of URL repositories and build contexts
 * @param canary         the canary a campaign gives a service whose spec has none
 * @param pollEvery      how often registered repositories are looked at for new commits
 * @param autoCampaign   whether a commit that changes an image with descendants starts a campaign by itself
 * @param maxVersions    version budget: live image versions per service
 * @param maxBaseAgeDays version budget: age of the base builds live images stand on
 */
public record ImagesConfig(String registry, String pushRegistry, URI docker, Path workDir, UpdateSpec.Canary canary,
                           Duration pollEvery, boolean autoCampaign, int maxVersions, int maxBaseAgeDays) {
    public static final UpdateSpec.Canary DEFAULT_CANARY = new UpdateSpec.Canary(33, TimeSpan.ofMillis(30_000));
    public static final URI DEFAULT_DOCKER = URI.create("unix:///var/run/docker.sock");

    public ImagesConfig {
        if (pushRegistry == null) pushRegistry = registry;
        if (docker == null) docker = DEFAULT_DOCKER;
        if (canary == null) canary = DEFAULT_CANARY;
        if (pollEvery == null) pollEvery = Duration.ofSeconds(30);
        if (maxVersions < 1) throw new IllegalArgumentException("--max-versions " + maxVersions + " must be at least 1");
        if (maxBaseAgeDays < 1) throw new IllegalArgumentException("--max-base-age " + maxBaseAgeDays + " must be at least 1 day");
    }

    /** Images off: every image call says how to turn them on. */
    public static ImagesConfig off(Path workDir) {
        return new ImagesConfig(null, null, null, workDir, null, null, false, 2, 30);
    }

    public boolean enabled() {
        return registry != null;
    }
}
