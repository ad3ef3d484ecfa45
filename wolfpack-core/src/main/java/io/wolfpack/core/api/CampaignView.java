package io.wolfpack.core.api;

import java.time.Instant;
import java.util.List;

/**
 * A patch campaign as the API shows it: the base it patches, what started it, where it is, each
 * image's path (built or rebased, and why) and each wave of services with its rollout.
 *
 * @param state      planned (dry run) | running | paused | halted | done | aborted
 * @param trigger    what started it: "manual", "commit abc1234 changed base", "registry: new digest behind base:1"
 * @param haltReason why it stopped on its own (the first failure), or null
 */
public record CampaignView(String id, String base, String trigger, String state, String haltReason,
                           Instant startedAt, Instant updatedAt, List<ImageStep> images, List<List<ServiceStep>> waves) {
    public CampaignView {
        images = images == null ? List.of() : List.copyOf(images);
        waves = waves == null ? List.of() : waves.stream().map(List::copyOf).toList();
    }

    /**
     * @param status pending | building | built | rebased | failed
     * @param method "build" or "rebase" once decided, else null
     * @param note   why this path (e.g. "layers do not start with the old base's layers"), or the failure
     */
    public record ImageStep(String image, int level, String status, String method, String digest, String note) {
    }

    /** @param status pending | rolling | done | failed; {@code revision} is the revision the campaign rolled out. */
    public record ServiceStep(String service, int instances, String status, Long revision, String note) {
    }
}
