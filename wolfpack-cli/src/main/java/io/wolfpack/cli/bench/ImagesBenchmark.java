package io.wolfpack.cli.bench;

import ch.qos.logback.classic.Level;
import com.github.dockerjava.api.DockerClient;
import io.wolfpack.core.image.AffectedSet;
import io.wolfpack.core.image.DockerfileParser;
import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.InstanceUse;
import io.wolfpack.core.image.LineageBuilder;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.core.image.ServiceUse;
import io.wolfpack.images.build.DockerClients;
import io.wolfpack.images.build.ImageBuilder;
import io.wolfpack.images.git.DockerfileRepository;
import io.wolfpack.images.git.ImageSource;
import io.wolfpack.images.registry.Rebaser;
import io.wolfpack.images.registry.RegistryClient;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * The images benchmark (issue 7, item 7): 20 images in 3 levels in a git repository, built through
 * the real Docker engine and pushed to a real registry, then the base fixed by a commit. Prints
 * (a) the time to parse every Dockerfile, build the lineage graph and compute the base's affected
 * set; (b) the time to build all 20 in lineage order, pinned by digest, {@code --parallel} at a
 * time; (c) the time per rebase of the base's 19 descendants at the registry against the time to
 * rebuild them. Its own registry, repository and images are removed at the end, also on Ctrl-C.
 * There is no target: it prints numbers. {@code scripts/bench-images} runs it; see docs/BENCHMARKS.md.
 */
public final class ImagesBenchmark {
    private static final Path BUSYBOX = Path.of("/bin/busybox");

    private final int parallel;
    private final int warmUp;
    private final int warmRuns;
    private final PrintStream out;
    private Path dir;
    private BenchRegistry registry;
    private DockerClient docker;
    private EngineImages engine;
    private FixtureRepo fixture;
    private DockerfileRepository repo;
    private boolean cleaned;

    ImagesBenchmark(int parallel, int warmUp, int warmRuns, PrintStream out) {
        this.parallel = parallel;
        this.warmUp = warmUp;
        this.warmRuns = warmRuns;
        this.out = out;
    }

    public static void main(String[] args) {
        ImagesBenchmark bench;
        try {
            BenchArgs a = new BenchArgs("ImagesBenchmark", args);
            if (a.flag("help")) {
                System.out.println("usage: ImagesBenchmark [--parallel 2] [--warm-up 500] [--warm-runs 2000]");
                System.exit(0);
            }
            int parallel = a.integer("parallel", 2);
            int warmUp = a.integer("warm-up", 500);
            int warmRuns = a.integer("warm-runs", 2000);
            a.checkAllUsed();
            if (parallel < 1 || warmRuns < 1) throw new IllegalArgumentException("ImagesBenchmark: --parallel and --warm-runs must be at least 1");
            bench = new ImagesBenchmark(parallel, warmUp, warmRuns, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (System.getenv("WOLFPACK_LOG") == null) quietLog();
        Runtime.getRuntime().addShutdownHook(new Thread(bench::cleanUp, "images-bench-cleanup"));
        int code = 0;
        try {
            bench.run();
        } catch (Exception e) {
            System.err.println("images benchmark: error: " + e.getMessage());
            code = 1;
        } finally {
            bench.cleanUp();
        }
        System.exit(code);
    }

    void run() throws Exception {
        if (!Files.isRegularFile(BUSYBOX)) throw new IllegalStateException("needs Debian's static busybox at " + BUSYBOX + ": apt-get install -y busybox-static");
        out.printf("images benchmark: %d cores, Java %s, load average %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadAverage());
        dir = Files.createTempDirectory("wolfpack-images-bench-");
        docker = DockerClients.connect(null);
        try {
            out.printf("Docker engine %s%n", docker.versionCmd().exec().getVersion());
        } catch (RuntimeException e) {
            throw new IllegalStateException("no Docker engine answers on " + DockerClients.DEFAULT_HOST + ": start one (scripts/ensure-docker)", e);
        }
        engine = new EngineImages(docker);
        registry = BenchRegistry.start(dir.resolve("registry"));
        String host = registry.host();
        out.printf("registry %s (docker-registry pid %d, storage in %s)%n", host, registry.pid(), dir.resolve("registry"));

        String run = UUID.randomUUID().toString().substring(0, 8);
        fixture = FixtureRepo.init(dir.resolve("repo"));
        fixture.write(LineageFixture.files(run)).copyExecutable(BUSYBOX, LineageFixture.BUSYBOX_PATH);
        String first = fixture.commit("20 images in 3 levels");
        repo = DockerfileRepository.open(fixture.dir().toString(), dir.resolve("work"));
        long t0 = System.nanoTime();
        List<ImageSource> images = repo.images();
        long readMicros = (System.nanoTime() - t0) / 1000;
        out.printf("repository %s at %s: %d images (read and exported with JGit in %s)%n", fixture.dir(), first.substring(0, 12),
                images.size(), ms(readMicros));

        // (a) the pure lineage path
        List<ServiceUse> uses = services(host);
        out.printf("%n(a) parse %d Dockerfiles + lineage graph + affected set of base (%d services, %d instances on %d hosts)%n",
                images.size(), uses.size(), uses.stream().mapToInt(u -> u.instances().size()).sum(), HOSTS);
        LineageTiming.Result lineage = LineageTiming.measure(images, LineageFixture.BASE, Map.of(), uses, warmUp, warmRuns);
        printLineage(lineage);
        LineageGraph graph = graphOf(images);

        // (b) build all 20
        ImageBuilder builder = new ImageBuilder(docker, host);
        out.printf("%n(b) build all %d through the engine in lineage order, bases pinned by digest, push; %d at a time%n",
                images.size(), parallel);
        LineageBuildRun.Result built = LineageBuildRun.run(graph, graph.names(), Map.of(), parallel, job(builder, images, first, host));
        printBuilds(graph, built, "  ");

        // (c) fix the base, rebuild it, then rebase against rebuild
        fixture.write(LineageFixture.baseFix(run));
        String second = fixture.commit("fix the base");
        out.printf("%n(c) commit %s changes %s; rebuild the base, then its %d descendants: rebase at the registry vs rebuild%n",
                second.substring(0, 12), repo.changedSince(first), graph.descendants(LineageFixture.BASE).size());
        List<ImageSource> fixed = repo.images();
        LineageGraph fixedGraph = graphOf(fixed);
        t0 = System.nanoTime();
        ImageBuild newBase = job(builder, fixed, second, host).apply(LineageFixture.BASE, Map.of());
        out.printf("  base rebuilt and pushed in %s: %s%n", secs((System.nanoTime() - t0) / 1000), newBase.digest());

        RegistryClient client = new RegistryClient(URI.create("http://" + host));
        client.manifest(LineageFixture.BASE, newBase.digest());  // connect once: a server's client is warm when a campaign starts
        Rebaser rebaser = new Rebaser(client);
        List<RebaseRun.Step> rebases = RebaseRun.run(rebaser, host, fixedGraph, LineageFixture.BASE, built.builds(), newBase);
        LineageBuildRun.Result rebuilt = LineageBuildRun.run(fixedGraph, fixedGraph.descendants(LineageFixture.BASE),
                Map.of(LineageFixture.BASE, newBase), parallel, job(builder, fixed, second, host));
        printComparison(fixedGraph, built, rebases, rebuilt);
        out.printf("%nload average at the end: %s%n", loadAverage());
    }

    /** Builds one image of {@code images}, its bases pinned to the builds done so far, and notes it for removal. */
    private BiFunction<String, Map<String, ImageBuild>, ImageBuild> job(ImageBuilder builder, List<ImageSource> images,
                                                                         String revision, String host) {
        Map<String, ImageSource> byName = new HashMap<>();
        images.forEach(i -> byName.put(i.name(), i));
        LineageGraph graph = graphOf(images);
        return (name, done) -> {
            Map<String, String> pins = new HashMap<>();
            for (String dep : graph.dependencies(name)) pins.put(dep, host + "/" + dep + "@" + done.get(dep).digest());
            ImageSource source = byName.get(name);
            ImageBuild b = builder.build(source, pins, repo.source(), revision);
            engine.made(builder.pushRef(source));
            return b;
        };
    }

    private static LineageGraph graphOf(List<ImageSource> images) {
        List<LineageBuilder.Definition> definitions = new ArrayList<>();
        for (ImageSource i : images) definitions.add(new LineageBuilder.Definition(i.name(), i.tag(), DockerfileParser.parse(i.dockerfileText())));
        return LineageBuilder.graph(definitions);
    }

    private static final int HOSTS = 5;
    private static final int REPLICAS = 3;

    /** The inventory side: one service per app, running it by tag, 3 instances spread over 5 hosts. */
    private static List<ServiceUse> services(String host) {
        List<ServiceUse> uses = new ArrayList<>();
        int n = 0;
        for (String app : LineageFixture.apps()) {
            String service = app.substring(app.indexOf('/') + 1);
            List<InstanceUse> instances = new ArrayList<>();
            for (int r = 0; r < REPLICAS; r++) instances.add(new InstanceUse(service + "-" + r, "host-" + (1 + n++ % HOSTS)));
            uses.add(new ServiceUse(service, host + "/" + app + ":latest", instances));
        }
        return uses;
    }

    private void printLineage(LineageTiming.Result r) {
        AffectedSet.Result a = r.result();
        out.printf("  affected: %d images in %d levels, %d services, %d instances, %d hosts%n", a.imageCount(), a.images().size(),
                a.serviceCount(), a.instanceCount(), a.hostCount());
        out.printf("  cold (first run in the JVM): %s  (parse %s, graph %s, affected set %s)%n", ms(r.coldTotal()),
                ms(r.coldParse()), ms(r.coldGraph()), ms(r.coldAffected()));
        out.printf("  warm, %,d runs after %,d unmeasured: median %s, p99 %s  (medians: parse %s, graph %s, affected set %s)%n",
                warmRuns, warmUp, msOf(r.total().p50()), msOf(r.total().p99()), msOf(r.parse().p50()), msOf(r.graph().p50()),
                msOf(r.affected().p50()));
    }

    private void printBuilds(LineageGraph graph, LineageBuildRun.Result r, String indent) {
        Latencies.Summary per = Latencies.summarise(r.micros().values().stream().mapToLong(Long::longValue).toArray());
        long sum = r.micros().values().stream().mapToLong(Long::longValue).sum();
        out.printf("%s%d images: wall %s; per image p50 %.2f s, max %.2f s (sum %s)%n", indent, r.builds().size(),
                secs(r.wallMicros()), per.p50() / 1000, per.max() / 1000, secs(sum));
        List<List<String>> levels = graph.levelsWithin(r.builds().keySet());
        for (int i = 0; i < levels.size(); i++) {
            long[] m = levels.get(i).stream().mapToLong(n -> r.micros().get(n)).toArray();
            Latencies.Summary s = Latencies.summarise(m);
            out.printf("%s  level %d (%d images): per image p50 %.2f s, max %.2f s%n", indent, graph.levelOf(levels.get(i).get(0)),
                    m.length, s.p50() / 1000, s.max() / 1000);
        }
    }

    private void printComparison(LineageGraph graph, LineageBuildRun.Result built, List<RebaseRun.Step> rebases,
                                 LineageBuildRun.Result rebuilt) {
        long[] rebaseMicros = rebases.stream().filter(RebaseRun.Step::rebased).mapToLong(RebaseRun.Step::micros).toArray();
        long rebaseTotal = rebases.stream().mapToLong(RebaseRun.Step::micros).sum();
        Latencies.Summary rs = Latencies.summarise(rebaseMicros);
        out.printf("  rebase, one at a time in level order: %d of %d rebased; per image p50 %s, p99 %s, max %s; total %s%n",
                rebaseMicros.length, rebases.size(), msOf(rs.p50()), msOf(rs.p99()), msOf(rs.max()), ms(rebaseTotal));
        rebases.stream().filter(s -> !s.rebased()).forEach(s -> out.printf("    %s not rebased: %s%n", s.image(), s.note()));
        List<String> inputsMoved = rebases.stream().map(RebaseRun.Step::image)
                .filter(i -> !graph.node(i).orElseThrow().inputs().isEmpty()).toList();
        if (!inputsMoved.isEmpty()) {
            out.printf("    (timed as rebases here; a campaign rebuilds %s instead: a build input of theirs moved too)%n",
                    String.join(", ", inputsMoved));
        }
        out.printf("  rebuild, %d at a time:%n", parallel);
        printBuilds(graph, rebuilt, "    ");
        Latencies.Summary bs = Latencies.summarise(rebuilt.micros().values().stream().mapToLong(Long::longValue).toArray());
        out.printf("  rebuild wall / rebase total: %.0fx  (per image p50: %.0fx)%n", (double) rebuilt.wallMicros() / Math.max(1, rebaseTotal),
                bs.p50() / Math.max(0.001, rs.p50()));

        out.printf("%n  %-16s %5s %10s %10s %10s%n", "image", "level", "build", "rebase", "rebuild");
        Map<String, RebaseRun.Step> byImage = new HashMap<>();
        rebases.forEach(s -> byImage.put(s.image(), s));
        for (String image : built.builds().keySet()) {
            RebaseRun.Step s = byImage.get(image);
            Long rb = rebuilt.micros().get(image);
            out.printf("  %-16s %5d %10s %10s %10s%n", image, graph.levelOf(image), secs(built.micros().get(image)),
                    s == null ? "-" : s.rebased() ? ms(s.micros()) : "refused", rb == null ? "-" : secs(rb));
        }
    }

    /** Removes what the run made: images in the engine, the registry process, the temp directory. Runs once. */
    synchronized void cleanUp() {
        if (cleaned) return;
        cleaned = true;
        // Closing the client first stops builds in flight (the engine cancels a build whose client went away).
        if (docker != null) closeQuietly(docker);
        if (engine != null) {
            try (DockerClient fresh = DockerClients.connect(null)) {
                EngineImages.Removal r = engine.removeAll(fresh);
                out.printf("cleanup: removed %d images from the engine (ours, and the intermediate ones the builder kept on them)%n", r.removed());
                r.failures().forEach(f -> System.err.println("cleanup: could not remove " + f));
            } catch (IOException | RuntimeException e) {
                System.err.println("cleanup: removing the images failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (repo != null) repo.close();
        if (fixture != null) fixture.close();
        if (registry != null) {
            try {
                registry.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (dir != null) deleteTree(dir);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // nothing left to do with it
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cleanup: could not delete " + root + ": " + e.getMessage());
        }
    }

    /** ImageBuilder and Rebaser log a line per image; the numbers are what this prints. */
    private static void quietLog() {
        org.slf4j.Logger l = LoggerFactory.getLogger("io.wolfpack");
        if (l instanceof ch.qos.logback.classic.Logger logback) logback.setLevel(Level.WARN);
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | ArrayIndexOutOfBoundsException e) {
            return "unknown";
        }
    }

    private static String ms(long micros) {
        return msOf(micros / 1000.0);
    }

    private static String msOf(double millis) {
        return millis < 10 ? String.format("%.3f ms", millis) : String.format("%.0f ms", millis);
    }

    private static String secs(long micros) {
        return String.format("%.2f s", micros / 1e6);
    }
}
