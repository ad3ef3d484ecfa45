package io.wolfpack.server.images;

import io.wolfpack.core.api.AffectedView;
import io.wolfpack.core.api.ImageView;
import io.wolfpack.core.api.SprawlView;
import io.wolfpack.core.image.AffectedService;
import io.wolfpack.core.image.AffectedSet;
import io.wolfpack.core.image.BudgetViolation;
import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.ImageNode;
import io.wolfpack.core.image.InstanceUse;
import io.wolfpack.core.image.LineageBuilder;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.core.image.RunningImage;
import io.wolfpack.core.image.ServiceUse;
import io.wolfpack.core.image.Sprawl;
import io.wolfpack.core.image.VersionBudget;
import io.wolfpack.core.model.Instance;
import io.wolfpack.core.spec.ServiceSpec;
import io.wolfpack.store.ClusterMirror;
import io.wolfpack.store.ImageStore;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The lineage graph (from the repositories' Dockerfiles at their heads) joined with the recorded
 * builds and with what runs where (the mirror): tree, affected set, sprawl. Reads only.
 */
final class ImageCatalog {
    private final ImageRepos repos;
    private final ImageStore store;
    private final ClusterMirror mirror;
    private final VersionBudget budget;
    private final Clock clock;

    ImageCatalog(ImageRepos repos, ImageStore store, ClusterMirror mirror, VersionBudget budget, Clock clock) {
        this.repos = repos;
        this.store = store;
        this.mirror = mirror;
        this.budget = budget;
        this.clock = clock;
    }

    /** The graph of the images whose Dockerfiles parse. */
    LineageGraph graph(List<ImageRepos.Entry> entries) {
        return LineageBuilder.graph(entries.stream().filter(e -> e.error() == null).map(ImageRepos.Entry::definition).toList());
    }

    /** Recorded builds by image name, newest last. */
    Map<String, List<ImageBuild>> builds() {
        Map<String, List<ImageBuild>> out = new TreeMap<>();
        for (ImageBuild b : store.builds()) out.computeIfAbsent(b.image(), i -> new ArrayList<>()).add(b);
        out.values().forEach(l -> l.sort(Comparator.comparing(ImageBuild::builtAt)));
        return out;
    }

    /** The newest recorded build of every image. */
    Map<String, ImageBuild> latestBuilds() {
        Map<String, ImageBuild> out = new TreeMap<>();
        builds().forEach((image, list) -> out.put(image, list.get(list.size() - 1)));
        return out;
    }

    static ImageBuild latest(Map<String, List<ImageBuild>> builds, String image) {
        List<ImageBuild> l = builds.get(image);
        return l == null || l.isEmpty() ? null : l.get(l.size() - 1);
    }

    List<ImageView> tree() {
        List<ImageRepos.Entry> entries = repos.entries();
        LineageGraph graph = graph(entries);
        Map<String, List<ImageBuild>> builds = builds();
        List<ImageView> out = new ArrayList<>();
        for (ImageRepos.Entry e : entries) {
            String name = e.source().name();
            List<ImageBuild> mine = builds.getOrDefault(name, List.of());
            ImageNode node = graph.node(name).orElse(null);
            out.add(new ImageView(name, e.source().tag(), e.repo(), e.source().dockerfilePath(),
                    node == null ? null : node.base(), node == null ? null : node.externalBase(),
                    node == null ? List.of() : node.inputs(), node == null ? 0 : graph.levelOf(name),
                    latest(builds, name), mine.size(), e.error()));
        }
        out.sort(Comparator.comparing(ImageView::level).thenComparing(ImageView::name));
        return out;
    }

    AffectedView affected(String of) {
        AffectedSet.Result r = affectedSet(of);
        List<AffectedView.Service> services = new ArrayList<>();
        java.util.Set<String> hosts = new java.util.TreeSet<>();
        int instances = 0;
        for (AffectedService s : r.services()) {
            List<AffectedView.Instance> list = s.instances().stream().map(i -> new AffectedView.Instance(i.instance(), i.node())).toList();
            instances += list.size();
            hosts.addAll(s.hosts());
            services.add(new AffectedView.Service(s.service(), s.image(), list));
        }
        return new AffectedView(of, r.images(), services, instances, List.copyOf(hosts));
    }

    AffectedSet.Result affectedSet(String of) {
        List<ImageRepos.Entry> entries = repos.entries();
        return AffectedSet.compute(graph(entries), of, builds(), serviceUses());
    }

    /** Every (service, image) pair that runs, with the instances running it. */
    List<ServiceUse> serviceUses() {
        Map<String, Map<String, List<InstanceUse>>> byService = new TreeMap<>();
        for (Instance i : mirror.allInstances()) {
            if (i.retiring()) continue;
            ServiceSpec spec = mirror.revision(i.service(), i.revision());
            if (spec == null) continue;
            byService.computeIfAbsent(i.service(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(spec.image(), im -> new ArrayList<>()).add(new InstanceUse(i.id(), i.node()));
        }
        List<ServiceUse> out = new ArrayList<>();
        byService.forEach((service, images) -> images.forEach((image, list) -> out.add(new ServiceUse(service, image, list))));
        return out;
    }

    SprawlView sprawl() {
        List<RunningImage> running = serviceUses().stream()
                .map(u -> new RunningImage(u.service(), u.image(), u.instances().size())).toList();
        Sprawl.Report report = Sprawl.compute(running, builds(), clock.instant());
        List<SprawlView.ServiceVersions> services = report.services().stream()
                .map(s -> new SprawlView.ServiceVersions(s.service(),
                        s.versions().stream().map(v -> new SprawlView.Version(v.image(), v.instances())).toList()))
                .toList();
        List<SprawlView.BaseVersions> bases = report.bases().stream()
                .map(b -> new SprawlView.BaseVersions(b.base(), b.versions().stream()
                        .map(v -> new SprawlView.BaseVersion(v.digest(), v.age().toDays(), v.images())).toList()))
                .toList();
        List<String> violations = budget.check(report).stream().map(BudgetViolation::message).toList();
        return new SprawlView(services, bases, new SprawlView.Budget(budget.maxVersionsPerService(), budget.maxBaseAgeDays()), violations);
    }
}
