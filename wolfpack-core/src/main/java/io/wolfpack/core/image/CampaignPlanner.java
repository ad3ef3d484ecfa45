package io.wolfpack.core.image;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an affected set into a campaign plan. Services go in waves by blast radius, fewest running
 * instances first (then by name), so that a base that breaks things breaks the smallest service
 * first, and the first failed canary halts the campaign before the big ones are touched.
 */
public final class CampaignPlanner {
    /** One service per wave: each canary is judged alone before the next service moves. */
    public static final int DEFAULT_WAVE_SIZE = 1;

    private CampaignPlanner() {
    }

    /**
     * @param affected the affected set computed for {@code base} (its services are taken from it)
     * @param waveSize services per wave, at least 1
     * @throws IllegalArgumentException when the base is not in the graph or the wave size is below 1
     */
    public static CampaignPlan plan(String base, LineageGraph graph, AffectedSet.Result affected, int waveSize) {
        check(base, graph, waveSize);
        Set<String> images = graph.descendants(base);
        Map<String, List<String>> deps = new LinkedHashMap<>();
        for (String image : images) {
            deps.put(image, graph.dependencies(image).stream().filter(images::contains).toList());
        }
        return new CampaignPlan(base, graph.levelsWithin(images), waves(affected.services(), waveSize), deps);
    }

    /** Computes the affected set of {@code base} first. */
    public static CampaignPlan plan(String base, LineageGraph graph, Map<String, List<ImageBuild>> buildsByImage,
                                    List<ServiceUse> uses, int waveSize) {
        check(base, graph, waveSize);
        return plan(base, graph, AffectedSet.compute(graph, base, buildsByImage, uses), waveSize);
    }

    private static void check(String base, LineageGraph graph, int waveSize) {
        if (waveSize < 1) throw new IllegalArgumentException("waveSize must be at least 1, got " + waveSize);
        if (!graph.contains(base)) {
            throw new IllegalArgumentException("no image '" + base + "' in the lineage to start a campaign on; images: "
                    + String.join(", ", graph.names()));
        }
    }

    private static List<List<String>> waves(List<AffectedService> services, int waveSize) {
        Map<String, Integer> instances = new LinkedHashMap<>();
        services.forEach(s -> instances.merge(s.service(), s.instances().size(), Integer::sum));
        List<String> order = instances.keySet().stream()
                .sorted(Comparator.comparing((String s) -> instances.get(s)).thenComparing(Comparator.naturalOrder()))
                .toList();
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < order.size(); i += waveSize) {
            out.add(order.subList(i, Math.min(order.size(), i + waveSize)));
        }
        return out;
    }
}
