package io.wolfpack.cli.bench;

import io.wolfpack.core.image.AffectedSet;
import io.wolfpack.core.image.DockerfileParser;
import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.LineageBuilder;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.core.image.ServiceUse;
import io.wolfpack.images.git.ImageSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Times the pure lineage path a campaign starts with: parse every Dockerfile, build the lineage
 * graph, compute the affected set of one image. The first call in the JVM is the cold run (class
 * loading, interpreter); then unmeasured warm-up calls, then the measured warm runs.
 */
final class LineageTiming {
    /** Micros of each part of the cold run and percentiles of the warm runs; {@code affected} from the last run. */
    record Result(long coldParse, long coldGraph, long coldAffected, Latencies.Summary parse, Latencies.Summary graph,
                  Latencies.Summary affected, Latencies.Summary total, AffectedSet.Result result) {
        long coldTotal() {
            return coldParse + coldGraph + coldAffected;
        }
    }

    private LineageTiming() {
    }

    static Result measure(List<ImageSource> images, String query, Map<String, List<ImageBuild>> builds, List<ServiceUse> uses,
                          int warmUp, int runs) {
        long[] cold = new long[3];
        once(images, query, builds, uses, cold);
        for (int i = 0; i < warmUp; i++) once(images, query, builds, uses, new long[3]);
        long[] parse = new long[runs];
        long[] graph = new long[runs];
        long[] affected = new long[runs];
        long[] total = new long[runs];
        long[] parts = new long[3];
        AffectedSet.Result last = null;
        for (int i = 0; i < runs; i++) {
            last = once(images, query, builds, uses, parts);
            parse[i] = parts[0];
            graph[i] = parts[1];
            affected[i] = parts[2];
            total[i] = parts[0] + parts[1] + parts[2];
        }
        if (last == null) last = once(images, query, builds, uses, parts);
        return new Result(cold[0], cold[1], cold[2], Latencies.summarise(parse), Latencies.summarise(graph),
                Latencies.summarise(affected), Latencies.summarise(total), last);
    }

    /** One pass; {@code micros} receives parse, graph and affected-set times. */
    private static AffectedSet.Result once(List<ImageSource> images, String query, Map<String, List<ImageBuild>> builds,
                                           List<ServiceUse> uses, long[] micros) {
        long t0 = System.nanoTime();
        List<LineageBuilder.Definition> definitions = new ArrayList<>(images.size());
        for (ImageSource i : images) {
            definitions.add(new LineageBuilder.Definition(i.name(), i.tag(), DockerfileParser.parse(i.dockerfileText())));
        }
        long t1 = System.nanoTime();
        LineageGraph graph = LineageBuilder.graph(definitions);
        long t2 = System.nanoTime();
        AffectedSet.Result r = AffectedSet.compute(graph, query, builds, uses);
        long t3 = System.nanoTime();
        micros[0] = (t1 - t0) / 1000;
        micros[1] = (t2 - t1) / 1000;
        micros[2] = (t3 - t2) / 1000;
        return r;
    }
}
