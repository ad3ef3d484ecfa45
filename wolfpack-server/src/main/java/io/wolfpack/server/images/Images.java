package io.wolfpack.server.images;

import io.javalin.Javalin;
import io.wolfpack.core.image.VersionBudget;
import io.wolfpack.images.build.ImageBuilder;
import io.wolfpack.images.registry.Rebaser;
import io.wolfpack.images.registry.RegistryClient;
import io.wolfpack.server.cluster.ClusterViews;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterStore;
import io.wolfpack.store.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The images part of the control plane, wired: repositories, catalog, builds, campaigns, the
 * repository watcher and their API. Off (every call answers how to turn it on) without --registry.
 */
public final class Images implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Images.class);

    private final ImagesConfig config;
    private final ImageStore store;
    private final ImageRepos repos;
    private final ImageCatalog catalog;
    private final ImageBuilds builds;
    private final CampaignRunner campaigns;
    private final RepoWatcher watcher;
    private final BudgetWatcher budget;
    private final ImageHandlers handlers;
    private final com.github.dockerjava.api.DockerClient docker;
    private final RegistryClient registry;

    public Images(ImagesConfig config, ClusterStore cluster, ClusterViews views, EventLog events, Clock clock, BooleanSupplier leader) {
        this.config = config;
        this.store = new ImageStore(cluster);
        this.repos = new ImageRepos(store, config.workDir());
        this.catalog = new ImageCatalog(repos, store, cluster.mirror(), new VersionBudget(config.maxVersions(), config.maxBaseAgeDays()), clock);
        if (config.enabled()) {
            this.docker = io.wolfpack.images.build.DockerClients.connect(config.docker().toString());
            ImageBuilder builder = new ImageBuilder(docker, config.pushRegistry(), clock);
            this.registry = new RegistryClient(URI.create("http://" + config.pushRegistry()));
            Rebaser rebaser = new Rebaser(registry, clock);
            this.builds = new ImageBuilds(repos, catalog, store, builder, rebaser, config, events, clock);
        } else {
            this.docker = null;
            this.builds = null;
            this.registry = null;
        }
        this.campaigns = new CampaignRunner(store, repos, catalog, builds, new ServiceImageRollout(cluster, views, events, clock),
                config, events, cluster.mirror(), clock, leader);
        this.watcher = new RepoWatcher(store, repos, catalog, campaigns, events, config.autoCampaign(), leader,
                registry, registryHosts(config));
        this.budget = new BudgetWatcher(catalog, events, leader);
        this.handlers = new ImageHandlers(this, store, events, clock);
    }

    /** The addresses our registry is known by (the hosts' and the builder's; one registry, one storage). */
    private static java.util.Set<String> registryHosts(ImagesConfig config) {
        java.util.Set<String> hosts = new java.util.HashSet<>();
        if (config.registry() != null) hosts.add(config.registry());
        if (config.pushRegistry() != null) hosts.add(config.pushRegistry());
        return hosts;
    }

    /** Adds the /v1/images and /v1/campaigns routes. */
    public void register(Javalin app) {
        handlers.register(app);
    }

    /** Campaign steps every second, repositories every pollEvery; nothing when images are off. */
    public void schedule(ScheduledExecutorService timer) {
        if (!config.enabled()) return;
        timer.scheduleWithFixedDelay(() -> guard("campaigns", campaigns::tick), 1, 1, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(() -> guard("image repositories", watcher::check), 2,
                config.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(() -> guard("version budget", budget::check), 10_000,
                Math.max(config.pollEvery().toMillis(), 10_000), TimeUnit.MILLISECONDS);
    }

    private static void guard(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("{} failed: {}", what, e.toString());
        }
    }

    ImagesConfig config() {
        return config;
    }

    ImageRepos repos() {
        return repos;
    }

    ImageCatalog catalog() {
        return catalog;
    }

    ImageBuilds builds() {
        return builds;
    }

    CampaignRunner campaigns() {
        return campaigns;
    }

    @Override
    public void close() {
        campaigns.close();
        if (docker != null) {
            try {
                docker.close();
            } catch (java.io.IOException e) {
                log.debug("closing the build engine's client: {}", e.toString());
            }
        }
    }
}
