package io.wolfpack.cli.bench;

import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.LineageGraph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/**
 * Makes a set of images in lineage order the way the campaign runner does: an image starts once
 * every image of the set it builds on is done, up to {@code parallel} at a time, in level order
 * (then by name) among those ready. Each job gets the builds done so far, to pin its bases.
 */
final class LineageBuildRun {
    /** What one run made: the builds, each job's own time, and the wall time of the whole run. */
    record Result(Map<String, ImageBuild> builds, Map<String, Long> micros, long wallMicros) {
    }

    private LineageBuildRun() {
    }

    /**
     * @param names the images to make; those they build on outside the set must be in {@code given}
     * @param given builds of images not in the set, pinned as they are (e.g. the base just rebuilt)
     * @param job   makes one image from its name and every build done so far; a failure stops the run
     */
    static Result run(LineageGraph graph, Collection<String> names, Map<String, ImageBuild> given, int parallel,
                      BiFunction<String, Map<String, ImageBuild>, ImageBuild> job) throws InterruptedException {
        if (parallel < 1) throw new IllegalArgumentException("parallel " + parallel + " must be at least 1");
        Set<String> wanted = new TreeSet<>(names);
        List<String> order = new ArrayList<>();
        graph.levelsWithin(wanted).forEach(order::addAll);
        Map<String, ImageBuild> done = new ConcurrentHashMap<>(given);
        Map<String, Long> micros = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "bench-build");
            t.setDaemon(true);
            return t;
        });
        CompletionService<String> finished = new ExecutorCompletionService<>(pool);
        long t0 = System.nanoTime();
        try {
            int running = 0;
            while (!order.isEmpty() || running > 0) {
                for (String name : List.copyOf(order)) {
                    if (running == parallel) break;
                    boolean ready = graph.dependencies(name).stream().filter(wanted::contains).allMatch(done::containsKey);
                    if (!ready) continue;
                    order.remove(name);
                    running++;
                    Map<String, ImageBuild> pins = Map.copyOf(done);
                    finished.submit(() -> {
                        long start = System.nanoTime();
                        ImageBuild b = job.apply(name, pins);
                        micros.put(name, (System.nanoTime() - start) / 1000);
                        done.put(name, b);
                        return name;
                    });
                }
                if (running == 0) throw new IllegalStateException("nothing can start: " + order + " wait on images outside the set");
                Future<String> f = finished.take();
                running--;
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        long wall = (System.nanoTime() - t0) / 1000;
        Map<String, ImageBuild> made = new LinkedHashMap<>();
        graph.levelsWithin(wanted).forEach(level -> level.forEach(n -> made.put(n, done.get(n))));
        return new Result(made, Map.copyOf(micros), wall);
    }
}
