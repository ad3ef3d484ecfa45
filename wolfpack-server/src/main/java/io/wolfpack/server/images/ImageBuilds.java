package io.wolfpack.server.images;

import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.LineageBuilder;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.core.spec.ImageReference;
import io.wolfpack.images.build.ImageBuilder;
import io.wolfpack.images.registry.RebaseResult;
import io.wolfpack.images.registry.Rebaser;
import io.wolfpack.server.cluster.EventLog;
import io.wolfpack.store.ImageStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Makes images: builds through the engine (every base pinned by the digest recorded for it) or,
 * in a campaign, rebases at the registry when that is safe. Every result is recorded in
 * ZooKeeper, which is the lineage at digest level, and announced as an event.
 */
final class ImageBuilds {
    private static final Logger log = LoggerFactory.getLogger(ImageBuilds.class);

    private final ImageRepos repos;
    private final ImageCatalog catalog;
    private final ImageStore store;
    private final ImageBuilder builder;
    private final Rebaser rebaser;
    private final ImagesConfig config;
    private final EventLog events;
    private final Clock clock;

    ImageBuilds(ImageRepos repos, ImageCatalog catalog, ImageStore store, ImageBuilder builder, Rebaser rebaser,
                ImagesConfig config, EventLog events, Clock clock) {
        this.repos = repos;
        this.catalog = catalog;
        this.store = store;
        this.builder = builder;
        this.rebaser = rebaser;
        this.config = config;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Builds the named images (all when empty) level by level. An image whose base is ours and not
     * among them stands on that base's last recorded build; one never built is an error.
     */
    synchronized List<ImageBuild> build(List<String> names) {
        List<ImageRepos.Entry> entries = repos.entries();
        Map<String, ImageRepos.Entry> byName = new HashMap<>();
        for (ImageRepos.Entry e : entries) byName.put(e.source().name(), e);
        Set<String> wanted = new TreeSet<>(names.isEmpty() ? byName.keySet() : names);
        List<String> unknown = wanted.stream().filter(n -> !byName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("no image named " + String.join(", ", unknown) + " in the registered repositories; known: "
                    + String.join(", ", new TreeSet<>(byName.keySet())));
        }
        for (String n : wanted) {
            if (byName.get(n).error() != null) throw new IllegalArgumentException("image " + n + ": " + byName.get(n).error());
        }
        LineageGraph graph = catalog.graph(entries);
        Map<String, ImageBuild> latest = new HashMap<>(catalog.latestBuilds());
        List<ImageBuild> made = new ArrayList<>();
        for (List<String> level : graph.levelsWithin(wanted)) {
            for (String name : level) {
                ImageBuild b = buildOne(byName.get(name), latest, "");
                latest.put(name, b);
                made.add(b);
            }
        }
        return made;
    }

    /** Builds one image at its repository's head; {@code bases} gives the build each of our images is pinned to. */
    ImageBuild buildOne(ImageRepos.Entry e, Map<String, ImageBuild> bases, String note) {
        Set<String> ours = repos.entries().stream().map(x -> x.source().name()).collect(Collectors.toSet());
        Map<String, String> pins = new HashMap<>();
        for (String ref : refsOf(e)) {
            LineageBuilder.internalName(ref, ours).ifPresent(name -> {
                ImageBuild b = bases.get(name);
                if (b == null) {
                    throw new IllegalStateException("image " + e.source().name() + " stands on " + name
                            + ", which has never been built: build it first (wolfpack images build " + name + ")");
                }
                pins.put(name, config.pushRegistry() + "/" + name + "@" + b.digest());
            });
        }
        String source = repos.list().stream().filter(r -> r.name().equals(e.repo())).findFirst().map(r -> r.source()).orElse(e.repo());
        log.info("building image {} from {} at {}", e.source().name(), source, e.commit());
        ImageBuild b = builder.build(e.source(), pins, source, e.commit());
        if (!note.isEmpty()) b = withNote(b, note);
        store.putBuild(b);
        events.emit("image.built", null, null, null, b.image() + ":" + b.tag() + " " + b.digest() + " on " + b.baseImage()
                + (b.note().isEmpty() ? "" : " (" + b.note() + ")"));
        return b;
    }

    private static Set<String> refsOf(ImageRepos.Entry e) {
        Set<String> refs = new LinkedHashSet<>();
        refs.add(e.dockerfile().finalBase());
        refs.addAll(e.dockerfile().buildInputs());
        return refs;
    }

    /**
     * Moves {@code old} (the image's last build) from its base's old build onto {@code newBase} at
     * the registry; empty with the reason when that is not safe.
     */
    RebaseAttempt rebase(ImageBuild old, String baseName, ImageBuild newBase, String revision) {
        String reg = config.pushRegistry();
        RebaseResult r = rebaser.rebase(ImageReference.parse(reg + "/" + old.image() + "@" + old.digest()),
                ImageReference.parse(reg + "/" + baseName + "@" + old.baseDigest()),
                ImageReference.parse(reg + "/" + baseName + "@" + newBase.digest()), old.tag());
        if (!r.rebased()) return new RebaseAttempt(null, r.reason());
        ImageBuild b = new ImageBuild(old.image(), old.tag(), r.digest(), reg + "/" + baseName + "@" + newBase.digest(),
                newBase.digest(), old.inputs(), old.source(), revision, old.dockerfile(), clock.instant(),
                ImageBuild.REBASE, r.reason());
        store.putBuild(b);
        events.emit("image.rebased", null, null, null, b.image() + ":" + b.tag() + " " + b.digest() + " moved onto "
                + b.baseImage() + " at the registry (" + r.reason() + ")");
        return new RebaseAttempt(b, r.reason());
    }

    record RebaseAttempt(ImageBuild build, String reason) {
    }

    static ImageBuild withNote(ImageBuild b, String note) {
        return new ImageBuild(b.image(), b.tag(), b.digest(), b.baseImage(), b.baseDigest(), b.inputs(), b.source(),
                b.revision(), b.dockerfile(), b.builtAt(), b.method(), note);
    }
}
