package io.wolfpack.server.images;

import io.wolfpack.core.api.CampaignView;
import io.wolfpack.core.image.AffectedSet;
import io.wolfpack.core.image.Campaign;
import io.wolfpack.core.image.CampaignPlan;
import io.wolfpack.core.image.CampaignPlanner;
import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.ImageNode;
import io.wolfpack.core.image.ImageRepo;
import io.wolfpack.core.image.ImageStatus;
import io.wolfpack.core.image.LineageBuilder;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.core.image.ServiceStatus;
import io.wolfpack.core.model.ServiceRecord;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ConflictException;
import io.wolfpack.store.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Drives patch campaigns: plans one (affected images by level, services in waves by blast radius),
 * then on every tick asks the pure {@link Campaign} what may start — the base's new build first,
 * then images whose inputs are done (in parallel up to the campaign's limit; each rebased when that
 * is safe, else rebuilt), then wave after wave of services rolled out canary-first — and records
 * each result. The first failure halts the campaign (the state machine's rule). Only the leader
 * acts; the state lives in ZooKeeper, so another leader carries on where this one stopped.
 */
final class CampaignRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);
    static final int DEFAULT_PARALLEL = 2;

    private final ImageStore store;
    private final ImageRepos repos;
    private final ImageCatalog catalog;
    private final ImageBuilds builds;
    private final ServiceImageRollout rollouts;
    private final ImagesConfig config;
    private final EventLog events;
    private final ClusterMirror mirror;
    private final Clock clock;
    private final BooleanSupplier leader;
    private final ExecutorService jobs = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "campaign-build");
        t.setDaemon(true);
        return t;
    });
    /** campaign id + "/" + image: jobs running in this process. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    CampaignRunner(ImageStore store, ImageRepos repos, ImageCatalog catalog, ImageBuilds builds, ServiceImageRollout rollouts,
                   ImagesConfig config, EventLog events, ClusterMirror mirror, Clock clock, BooleanSupplier leader) {
        this.store = store;
        this.repos = repos;
        this.catalog = catalog;
        this.builds = builds;
        this.rollouts = rollouts;
        this.config = config;
        this.events = events;
        this.mirror = mirror;
        this.clock = clock;
        this.leader = leader;
    }

    // ---- start, read, operate

    synchronized CampaignView start(String base, boolean dryRun, int waveSize, int parallel, String trigger) {
        return start(base, dryRun, waveSize, parallel, trigger, null);
    }

    /** @param rebuildBase why the base must be built first although its Dockerfile did not change, or null */
    synchronized CampaignView start(String base, boolean dryRun, int waveSize, int parallel, String trigger, String rebuildBase) {
        if (waveSize < 1) throw new IllegalArgumentException("waveSize " + waveSize + " must be at least 1");
        if (parallel < 1) throw new IllegalArgumentException("parallel " + parallel + " must be at least 1");
        List<ImageRepos.Entry> entries = repos.entries();
        LineageGraph graph = catalog.graph(entries);
        Map<String, List<ImageBuild>> recorded = catalog.builds();
        AffectedSet.Result affected = AffectedSet.compute(graph, base, recorded, catalog.serviceUses());
        CampaignPlan plan = CampaignPlanner.plan(base, graph, affected, waveSize);
        Map<String, ImageBuild> before = new TreeMap<>();
        recorded.forEach((image, list) -> before.put(image, ImageCatalog.latest(recorded, image)));
        String baseNote = rebuildBase != null ? rebuildBase : baseNeedsBuild(base, before.get(base), entries);
        ImageBuild baseBuild = baseNote == null ? before.get(base) : null;
        if (baseNote == null) baseNote = "its last build " + shortDigest(before.get(base).digest()) + " is current";
        for (String running : activeFor(base)) {
            throw new ConflictException("campaign " + running + " for base " + base + " is still running: wait for it, or "
                    + "wolfpack campaign abort " + running, null);
        }
        String id = nextId();
        Instant now = clock.instant();
        Campaign c = Campaign.start(id, plan, now);
        CampaignRecord record = new CampaignRecord(c, trigger, parallel, baseBuild, baseNote, before, Map.of());
        if (dryRun) return view(record, true);
        store.createCampaign(id, record);
        events.emit("campaign.started", null, null, null, "campaign " + id + " for base " + base + " (" + trigger + "): "
                + plan.images().size() + " images, " + plan.services().size() + " services in " + plan.serviceWaves().size() + " waves");
        return view(record, false);
    }

    /** Why the base itself must be built first, or null when its last build is current. */
    private String baseNeedsBuild(String base, ImageBuild last, List<ImageRepos.Entry> entries) {
        if (last == null) return "never built before";
        ImageRepos.Entry e = entries.stream().filter(x -> x.source().name().equals(base)).findFirst().orElseThrow();
        if (last.revision() != null && last.revision().equals(e.commit())) return null;
        ImageRepo repo = repos.list().stream().filter(r -> r.name().equals(e.repo())).findFirst().orElseThrow();
        try {
            return repos.repository(repo).changedSince(last.revision()).contains(base)
                    ? "its Dockerfile changed since " + shortCommit(last.revision()) : null;
        } catch (RuntimeException ex) {
            return "its last build's commit " + shortCommit(last.revision()) + " is not in the repository";
        }
    }

    List<CampaignView> list() {
        List<CampaignView> out = new ArrayList<>();
        for (ImageStore.Stored<CampaignRecord> s : store.campaigns(CampaignRecord.class)) out.add(view(s.value(), false));
        out.sort(Comparator.comparing(CampaignView::startedAt));
        return out;
    }

    Optional<CampaignView> get(String id) {
        return store.campaign(id, CampaignRecord.class).map(s -> view(s.value(), false));
    }

    CampaignView act(String id, String verb) {
        Instant now = clock.instant();
        CampaignRecord r = update(id, rec -> switch (verb) {
            case "pause" -> rec.with(rec.campaign().pause(now));
            case "resume" -> rec.with(rec.campaign().resume(now));
            case "abort" -> rec.with(rec.campaign().abort(now));
            default -> throw new IllegalArgumentException("unknown action " + verb + ": use pause, resume or abort");
        });
        events.emit("campaign." + (verb.equals("abort") ? "aborted" : verb + "d"), null, null, null, "campaign " + id + " " + r.campaign().state().wire());
        return view(r, false);
    }

    // ---- the loop

    /** One step of every running campaign; called every second. */
    void tick() {
        if (!leader.getAsBoolean()) return;
        for (ImageStore.Stored<CampaignRecord> s : store.campaigns(CampaignRecord.class)) {
            Campaign c = s.value().campaign();
            if (c.state() == Campaign.State.RUNNING) {
                try {
                    step(c.id());
                } catch (RuntimeException e) {
                    log.warn("campaign {}: {}", c.id(), e.toString());
                }
            }
        }
    }

    private void step(String id) {
        CampaignRecord r = store.campaign(id, CampaignRecord.class).orElseThrow().value();
        Campaign c = r.campaign();
        if (r.baseBuild() == null) {
            submit(id, c.base(), () -> buildBase(id));
            return;
        }
        // images that were building when a previous leader stopped: build them again
        c.images().forEach((image, status) -> {
            if (status.phase() == ImageStatus.Phase.BUILDING) submit(id, image, () -> makeImage(id, image));
        });
        for (String image : c.imagesReady(r.parallel())) {
            update(id, rec -> rec.with(rec.campaign().imageBuilding(image, clock.instant())));
            submit(id, image, () -> makeImage(id, image));
        }
        if (!c.imagesComplete()) return;
        for (Map.Entry<String, ServiceStatus> e : c.services().entrySet()) {
            if (e.getValue().phase() != ServiceStatus.Phase.ROLLING) continue;
            String service = e.getKey();
            Long revision = r.revisions().get(service);
            ServiceImageRollout.Outcome o = revision == null ? ServiceImageRollout.Outcome.ROLLING : rollouts.outcome(service, revision);
            if (o == ServiceImageRollout.Outcome.DONE || o == ServiceImageRollout.Outcome.GONE) {
                CampaignRecord after = update(id, rec -> rec.with(rec.campaign().serviceDone(service, clock.instant())));
                announceEnd(after);
            } else if (o == ServiceImageRollout.Outcome.FAILED) {
                String why = "revision " + revision + " rolled back: " + rollouts.failure(service);
                CampaignRecord after = update(id, rec -> rec.with(rec.campaign().serviceFailed(service, why, clock.instant())));
                announceEnd(after);
            }
        }
        c = store.campaign(id, CampaignRecord.class).orElseThrow().value().campaign();
        for (String service : c.nextWave()) startRollout(id, service);
    }

    private void startRollout(String id, String service) {
        CampaignRecord r = store.campaign(id, CampaignRecord.class).orElseThrow().value();
        ClusterMirror.Versioned<ServiceRecord> s = mirror.service(service);
        if (s == null) {
            update(id, rec -> rec.with(rec.campaign().serviceRolling(service, clock.instant()).serviceDone(service, clock.instant())));
            return;
        }
        String image = patchedImage(r, s.value().spec().image());
        if (image == null) {
            String why = "its image " + s.value().spec().image() + " is not one the campaign rebuilt";
            announceEnd(update(id, rec -> rec.with(rec.campaign().serviceFailed(service, why, clock.instant()))));
            return;
        }
        // The revision first: starting it again is harmless (same image, same revision), and a
        // campaign never records a rollout it did not start.
        long revision = rollouts.start(service, image, config.canary(), id);
        update(id, rec -> rec.with(rec.campaign().serviceRolling(service, clock.instant())).withRevision(service, revision));
    }

    /** The service's image moved to the campaign's new build of it, pinned by digest; null if it is none of ours. */
    private String patchedImage(CampaignRecord r, String current) {
        Set<String> names = new java.util.HashSet<>(r.campaign().images().keySet());
        names.add(r.campaign().base());
        return LineageBuilder.internalName(current, names).map(name -> {
            String digest = name.equals(r.campaign().base()) ? r.baseBuild().digest() : r.campaign().images().get(name).digest();
            return config.registry() + "/" + name + "@" + digest;
        }).orElse(null);
    }

    private void submit(String id, String image, Runnable job) {
        String key = id + "/" + image;
        if (!inFlight.add(key)) return;
        jobs.submit(() -> {
            try {
                job.run();
            } finally {
                inFlight.remove(key);
            }
        });
    }

    private void buildBase(String id) {
        CampaignRecord r = store.campaign(id, CampaignRecord.class).orElseThrow().value();
        String base = r.campaign().base();
        try {
            ImageRepos.Entry e = entry(base);
            ImageBuild b = builds.buildOne(e, catalog.latestBuilds(), r.baseNote());
            update(id, rec -> rec.withBase(b, rec.baseNote()));
        } catch (RuntimeException ex) {
            log.warn("campaign {}: base {} failed to build", id, base, ex);
            // The base is no image of the plan: the campaign halts through its first image, or by abort when there is none.
            String why = "the base " + base + " failed to build: " + message(ex);
            CampaignRecord after = update(id, rec -> {
                Campaign c = rec.campaign();
                String first = c.plan().images().isEmpty() ? null : c.plan().images().get(0);
                return rec.with(first != null ? c.imageFailed(first, why, clock.instant()) : c.abort(clock.instant()));
            });
            announceEnd(after);
        }
    }

    /** Rebase when safe, else rebuild; records the result in the campaign. */
    private void makeImage(String id, String image) {
        CampaignRecord r = store.campaign(id, CampaignRecord.class).orElseThrow().value();
        try {
            ImageBuild made = rebaseOrBuild(r, image);
            announceEnd(update(id, rec -> rec.with(rec.campaign().imageDone(image, made, clock.instant()))));
        } catch (RuntimeException ex) {
            log.warn("campaign {}: image {} failed", id, image, ex);
            announceEnd(update(id, rec -> rec.with(rec.campaign().imageFailed(image, message(ex), clock.instant()))));
        }
    }

    private ImageBuild rebaseOrBuild(CampaignRecord r, String image) {
        List<ImageRepos.Entry> entries = repos.entries();
        ImageRepos.Entry e = entries.stream().filter(x -> x.source().name().equals(image)).findFirst()
                .orElseThrow(() -> new IllegalStateException("image " + image + " is no longer in any registered repository"));
        if (e.error() != null) throw new IllegalStateException(e.error());
        ImageNode node = catalog.graph(entries).node(image).orElseThrow();
        ImageBuild old = r.before().get(image);
        Set<String> moved = new java.util.HashSet<>(r.campaign().images().keySet());
        moved.add(r.campaign().base());
        String why = rebuildReason(r, e, node, old, moved);
        if (why == null) {
            ImageBuild newBase = node.base().equals(r.campaign().base()) ? r.baseBuild() : catalog.latestBuilds().get(node.base());
            if (newBase.digest().equals(old.baseDigest())) {
                return ImageBuilds.withNote(old, "already on " + shortDigest(newBase.digest()) + "; nothing to do");
            }
            ImageBuilds.RebaseAttempt a = builds.rebase(old, node.base(), newBase, e.commit());
            if (a.build() != null) return a.build();
            why = "not rebased: " + a.reason();
        }
        return builds.buildOne(e, catalog.latestBuilds(), "rebuilt: " + why);
    }

    /** Why this image must be rebuilt rather than rebased, or null when a rebase may be tried. */
    private String rebuildReason(CampaignRecord r, ImageRepos.Entry e, ImageNode node, ImageBuild old, Set<String> moved) {
        if (old == null) return "never built before";
        if (node.base() == null) return "its base is not one of ours";
        if (old.baseDigest() == null) return "its last build records no base digest";
        // A stage off the final chain (or COPY --from) that reads a moved image made its output on the old version.
        List<String> changedInputs = e.dockerfile().readOffFinalChain().stream()
                .map(ref -> LineageBuilder.internalName(ref, moved)).flatMap(Optional::stream).distinct().toList();
        if (!changedInputs.isEmpty()) return "build inputs changed: " + String.join(", ", changedInputs);
        if (old.revision() == null || !old.revision().equals(e.commit())) {
            ImageRepo repo = repos.list().stream().filter(x -> x.name().equals(e.repo())).findFirst().orElseThrow();
            try {
                if (repos.repository(repo).changedSince(old.revision()).contains(e.source().name())) {
                    return "its Dockerfile changed since " + shortCommit(old.revision());
                }
            } catch (RuntimeException ex) {
                return "its last build's commit " + shortCommit(old.revision()) + " is not in the repository";
            }
        }
        return null;
    }

    // ---- plumbing

    private ImageRepos.Entry entry(String image) {
        return repos.entries().stream().filter(x -> x.source().name().equals(image)).findFirst()
                .orElseThrow(() -> new IllegalStateException("image " + image + " is no longer in any registered repository"));
    }

    /** Whether any campaign, whatever its state, was started with this trigger (so one change starts one campaign). */
    boolean startedBy(String trigger) {
        return store.campaigns(CampaignRecord.class).stream().anyMatch(s -> trigger.equals(s.value().trigger()));
    }

    private List<String> activeFor(String base) {
        return store.campaigns(CampaignRecord.class).stream().map(ImageStore.Stored::value)
                .filter(r -> r.campaign().base().equals(base))
                .filter(r -> r.campaign().state() == Campaign.State.RUNNING || r.campaign().state() == Campaign.State.PAUSED)
                .map(r -> r.campaign().id()).toList();
    }

    private String nextId() {
        int max = 0;
        for (ImageStore.Stored<CampaignRecord> s : store.campaigns(CampaignRecord.class)) {
            String id = s.value().campaign().id();
            if (id.startsWith("c-")) {
                try {
                    max = Math.max(max, Integer.parseInt(id.substring(2)));
                } catch (NumberFormatException ignored) {
                    // not one of ours
                }
            }
        }
        return "c-" + (max + 1);
    }

    /** Read, change, write with the version read; again when someone else wrote in between. */
    private CampaignRecord update(String id, UnaryOperator<CampaignRecord> change) {
        for (int attempt = 0; ; attempt++) {
            ImageStore.Stored<CampaignRecord> s = store.campaign(id, CampaignRecord.class)
                    .orElseThrow(() -> new java.util.NoSuchElementException("no campaign " + id));
            CampaignRecord next = change.apply(s.value());
            try {
                store.updateCampaign(id, next, s.version());
                return next;
            } catch (ConflictException e) {
                if (attempt >= 10) throw e;
            }
        }
    }

    private void announceEnd(CampaignRecord r) {
        Campaign c = r.campaign();
        if (c.state() == Campaign.State.HALTED) {
            events.emit("campaign.halted", null, null, null, "campaign " + c.id() + " halted: " + c.haltReason());
        } else if (c.state() == Campaign.State.DONE) {
            events.emit("campaign.done", null, null, null, "campaign " + c.id() + " done: " + c.images().size() + " images, "
                    + c.services().size() + " services patched");
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    static String shortDigest(String d) {
        if (d == null) return "-";
        String hex = d.startsWith("sha256:") ? d.substring(7) : d;
        return "sha256:" + hex.substring(0, Math.min(12, hex.length()));
    }

    static String shortCommit(String c) {
        return c == null ? "-" : c.substring(0, Math.min(8, c.length()));
    }

    // ---- the view

    CampaignView view(CampaignRecord r, boolean dryRun) {
        Campaign c = r.campaign();
        List<CampaignView.ImageStep> images = new ArrayList<>();
        ImageBuild bb = r.baseBuild();
        String baseStatus = bb == null ? "pending" : ImageBuild.REBASE.equals(bb.method()) ? "rebased" : "built";
        images.add(new CampaignView.ImageStep(c.base(), 0, dryRun ? "pending" : baseStatus, bb == null ? "build" : bb.method(),
                bb == null ? null : bb.digest(), r.baseNote()));
        List<List<String>> levels = c.plan().imageLevels();
        for (int level = 0; level < levels.size(); level++) {
            for (String image : levels.get(level)) {
                ImageStatus s = c.images().get(image);
                String method = s.phase() == ImageStatus.Phase.REBASED ? ImageBuild.REBASE
                        : s.phase() == ImageStatus.Phase.BUILT ? ImageBuild.BUILD : null;
                String note = s.note();
                if (dryRun && note.isEmpty()) note = r.before().get(image) == null ? "build (never built before)" : "rebase if safe, else rebuild";
                images.add(new CampaignView.ImageStep(image, level + 1, s.phase().wire(), method, s.digest(), note));
            }
        }
        List<List<CampaignView.ServiceStep>> waves = new ArrayList<>();
        for (List<String> wave : c.plan().serviceWaves()) {
            List<CampaignView.ServiceStep> steps = new ArrayList<>();
            for (String service : wave) {
                ServiceStatus s = c.services().get(service);
                int instances = mirror.instances(service).size();
                steps.add(new CampaignView.ServiceStep(service, instances, s.phase().wire(), r.revisions().get(service), s.note()));
            }
            waves.add(steps);
        }
        String state = dryRun ? "planned" : c.state().wire();
        return new CampaignView(c.id(), c.base(), r.trigger(), state, c.haltReason(), c.startedAt(), c.updatedAt(), images, waves);
    }

    @Override
    public void close() {
        jobs.shutdownNow();
    }
}
