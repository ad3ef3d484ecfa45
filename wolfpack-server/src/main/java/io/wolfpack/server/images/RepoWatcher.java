package io.wolfpack.server.images;

import io.wolfpack.core.image.ImageRepo;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.images.git.DockerfileRepository;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Looks at every registered repository for new commits. A commit that changes an image other
 * images are built on starts a patch campaign for it (unless --no-auto-campaign): the fix of a
 * base reaches everything built on it without anyone asking.
 */
final class RepoWatcher {
    private static final Logger log = LoggerFactory.getLogger(RepoWatcher.class);

    private final ImageStore store;
    private final ImageRepos repos;
    private final ImageCatalog catalog;
    private final CampaignRunner campaigns;
    private final EventLog events;
    private final boolean autoCampaign;
    private final BooleanSupplier leader;

    RepoWatcher(ImageStore store, ImageRepos repos, ImageCatalog catalog, CampaignRunner campaigns, EventLog events,
                boolean autoCampaign, BooleanSupplier leader) {
        this.store = store;
        this.repos = repos;
        this.catalog = catalog;
        this.campaigns = campaigns;
        this.events = events;
        this.autoCampaign = autoCampaign;
        this.leader = leader;
    }

    void check() {
        if (!leader.getAsBoolean()) return;
        for (ImageRepo repo : repos.list()) {
            try {
                check(repo);
            } catch (RuntimeException e) {
                log.warn("image repository {} ({}): {}", repo.name(), repo.source(), e.getMessage());
            }
        }
    }

    private void check(ImageRepo repo) {
        repos.refresh(repo);
        DockerfileRepository r = repos.repository(repo);
        String head = r.head();
        if (head.equals(repo.lastCommit())) return;
        Set<String> changed = repo.lastCommit() == null ? Set.of() : new TreeSet<>(r.changedSince(repo.lastCommit()));
        store.putRepo(repo.withLastCommit(head));
        if (changed.isEmpty()) return;
        events.emit("image.repo-changed", null, null, null, "repository " + repo.name() + " moved to " + CampaignRunner.shortCommit(head)
                + ": " + String.join(", ", changed) + " changed");
        if (!autoCampaign) return;
        LineageGraph graph = catalog.graph(repos.entries());
        for (String image : changed) {
            if (!graph.contains(image) || graph.descendants(image).isEmpty()) continue;
            // An image that changed on the way to another changed one is patched by that one's campaign.
            if (changed.stream().anyMatch(other -> !other.equals(image) && graph.descendants(other).contains(image))) continue;
            try {
                var c = campaigns.start(image, false, 1, CampaignRunner.DEFAULT_PARALLEL,
                        "commit " + CampaignRunner.shortCommit(head) + " changed " + image);
                log.info("commit {} changed {}: campaign {} started", head, image, c.id());
            } catch (RuntimeException e) {
                log.warn("commit {} changed {}, but no campaign started: {}", head, image, e.getMessage());
                events.emit("campaign.not-started", null, null, null, "commit " + CampaignRunner.shortCommit(head) + " changed " + image
                        + ", but no campaign started: " + e.getMessage());
            }
        }
    }
}
