package io.wolfpack.core.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a patch campaign will do, fixed when it starts so that a later commit cannot change a
 * campaign under way: the descendants of the base to rebuild, by level, and the affected services
 * in waves, smallest blast radius first.
 *
 * @param imageLevels  descendants of the base, level by level (names sorted in a level)
 * @param serviceWaves services to roll out, wave by wave; a wave starts when the one before is done
 * @param dependencies for each image of the plan, the images of the plan it must wait for; when
 *                     not given, every image waits for all images of the levels below its own
 */
public record CampaignPlan(String base, List<List<String>> imageLevels, List<List<String>> serviceWaves,
                           Map<String, List<String>> dependencies) {
    public CampaignPlan {
        if (base == null || base.isBlank()) throw new IllegalArgumentException("campaign base must not be empty");
        imageLevels = imageLevels == null ? List.of() : imageLevels.stream().map(List::copyOf).toList();
        serviceWaves = serviceWaves == null ? List.of() : serviceWaves.stream().map(List::copyOf).toList();
        dependencies = dependencies == null ? levelBarriers(imageLevels) : sortedCopy(dependencies);
        List<String> images = imageLevels.stream().flatMap(List::stream).toList();
        for (var e : dependencies.entrySet()) {
            if (!images.contains(e.getKey())) {
                throw new IllegalArgumentException("dependencies name image '" + e.getKey() + "', which is not in the plan's levels");
            }
            for (String d : e.getValue()) {
                if (!images.contains(d)) {
                    throw new IllegalArgumentException("image '" + e.getKey() + "' depends on '" + d + "', which is not in the plan's levels");
                }
            }
        }
    }

    public CampaignPlan(String base, List<List<String>> imageLevels, List<List<String>> serviceWaves) {
        this(base, imageLevels, serviceWaves, null);
    }

    /** Every image of the plan, level by level. */
    public List<String> images() {
        return imageLevels.stream().flatMap(List::stream).toList();
    }

    /** Every service of the plan, wave by wave. */
    public List<String> services() {
        return serviceWaves.stream().flatMap(List::stream).toList();
    }

    /** The images of the plan that {@code image} waits for; empty for one the plan does not hold. */
    public List<String> dependenciesOf(String image) {
        return dependencies.getOrDefault(image, List.of());
    }

    /** The index of the wave holding {@code service}, or -1. */
    public int waveOf(String service) {
        for (int i = 0; i < serviceWaves.size(); i++) {
            if (serviceWaves.get(i).contains(service)) return i;
        }
        return -1;
    }

    private static Map<String, List<String>> levelBarriers(List<List<String>> levels) {
        Map<String, List<String>> out = new TreeMap<>();
        List<String> below = new ArrayList<>();
        for (List<String> level : levels) {
            List<String> wait = List.copyOf(below);
            level.forEach(image -> out.put(image, wait));
            below.addAll(level);
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, List<String>> sortedCopy(Map<String, List<String>> deps) {
        Map<String, List<String>> out = new TreeMap<>();
        deps.forEach((k, v) -> out.put(k, v == null ? List.of() : v.stream().sorted().toList()));
        return Collections.unmodifiableMap(out);
    }
}
