package io.wolfpack.server.images;

import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.ImageNode;
import io.wolfpack.core.image.ImageRepo;
import io.wolfpack.core.spec.ImageReference;
import io.wolfpack.images.registry.RegistryClient;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.images.git.DockerfileRepository;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;

/**
 * Looks at every registered repository for new commits, and at the registry for new digests
 * behind the tags our bottom images are built on. A commit that changes an image other images are
 * built on starts a patch campaign for it; so does a new digest behind the external base of one of
 * our images (the image is rebuilt on it first). Unless --no-auto-campaign: the fix of a base
 * reaches everything built on it without anyone asking.
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
    private final RegistryClient registry;
    private final Set<String> registryHosts;

    RepoWatcher(ImageStore store, ImageRepos repos, ImageCatalog catalog, CampaignRunner campaigns, EventLog events,
                boolean autoCampaign, BooleanSupplier leader, RegistryClient registry, Set<String> registryHosts) {
        this.store = store;
        this.repos = repos;
        this.catalog = catalog;
        this.campaigns = campaigns;
        this.events = events;
        this.autoCampaign = autoCampaign;
        this.leader = leader;
        this.registry = registry;
        this.registryHosts = registryHosts;
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
        try {
            checkExternalBases();
        } catch (RuntimeException e) {
            log.warn("looking for new base digests in the registry: {}", e.getMessage());
        }
    }

    /**
     * An image of ours built on a tag in our registry (e.g. REG/debian:12) whose tag now names
     * another digest than the one its last build recorded: start a campaign on it. Other
     * registries are not watched (they need credentials and the network).
     */
    private void checkExternalBases() {
        if (!autoCampaign) return;
        List<ImageRepos.Entry> entries = repos.entries();
        LineageGraph graph = catalog.graph(entries);
        var builds = catalog.builds();
        for (ImageRepos.Entry e : entries) {
            if (e.error() != null) continue;
            ImageNode node = graph.node(e.source().name()).orElse(null);
            if (node == null || node.externalBase() == null || node.externalBase().equalsIgnoreCase("scratch")) continue;
            ImageReference ref;
            try {
                ref = ImageReference.parse(node.externalBase());
            } catch (IllegalArgumentException ex) {
                continue;
            }
            if (ref.digest() != null || ref.registry() == null || !registryHosts.contains(ref.registry())) continue;
            ImageBuild last = ImageCatalog.latest(builds, node.name());
            if (last == null || last.baseDigest() == null) continue;
            String tag = ref.tag() == null ? "latest" : ref.tag();
            String now = registry.tagDigest(ref.repository(), tag).orElse(null);
            if (now == null || now.equals(last.baseDigest())) continue;
            String trigger = "registry: new digest " + CampaignRunner.shortDigest(now) + " behind " + node.externalBase();
            if (campaigns.startedBy(trigger)) continue;
            try {
                var c = campaigns.start(node.name(), false, 1, CampaignRunner.DEFAULT_PARALLEL, trigger,
                        "its base " + node.externalBase() + " has a new digest " + CampaignRunner.shortDigest(now));
                log.info("{}: campaign {} started", trigger, c.id());
            } catch (RuntimeException ex) {
                log.warn("{}, but no campaign started: {}", trigger, ex.getMessage());
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
