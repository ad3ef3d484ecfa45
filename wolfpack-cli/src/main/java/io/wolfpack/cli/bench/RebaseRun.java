package io.wolfpack.cli.bench;

import io.wolfpack.core.image.ImageBuild;
import io.wolfpack.core.image.ImageNode;
import io.wolfpack.core.image.LineageGraph;
import io.wolfpack.core.spec.ImageReference;
import io.wolfpack.images.registry.RebaseResult;
import io.wolfpack.images.registry.Rebaser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves every descendant of a rebuilt base onto it at the registry, one at a time in level order:
 * each image from the digest of its parent it was built on to its parent's new digest (the base's
 * new build, or the parent's own rebase). As {@code ImageBuilds.rebase} does, the image keeps its
 * tag, now pointing at the rebased manifest.
 */
final class RebaseRun {
    /** One image: its new digest (null when refused or skipped), how long the rebase took, and what happened. */
    record Step(String image, String parent, String digest, long micros, String note) {
        boolean rebased() {
            return digest != null;
        }
    }

    private RebaseRun() {
    }

    /**
     * @param registry  host:port of the registry, for the references
     * @param old       every image's build before the change (its digest and its base's digest)
     * @param newBase   the base's new build
     */
    static List<Step> run(Rebaser rebaser, String registry, LineageGraph graph, String base, Map<String, ImageBuild> old,
                          ImageBuild newBase) {
        Map<String, String> newDigest = new LinkedHashMap<>();
        newDigest.put(base, newBase.digest());
        List<Step> steps = new ArrayList<>();
        for (List<String> level : graph.levelsWithin(graph.descendants(base))) {
            for (String image : level) {
                String parent = graph.node(image).map(ImageNode::base).orElse(null);
                ImageBuild before = old.get(image);
                String parentDigest = parent == null ? null : newDigest.get(parent);
                if (parentDigest == null || before == null || before.baseDigest() == null) {
                    steps.add(new Step(image, parent, null, 0, "skipped: its parent " + parent + " has no new digest"));
                    continue;
                }
                long t0 = System.nanoTime();
                RebaseResult r = rebaser.rebase(ref(registry, image, before.digest()), ref(registry, parent, before.baseDigest()),
                        ref(registry, parent, parentDigest), before.tag());
                long micros = (System.nanoTime() - t0) / 1000;
                if (r.rebased()) newDigest.put(image, r.digest());
                steps.add(new Step(image, parent, r.digest(), micros, r.reason()));
            }
        }
        return steps;
    }

    private static ImageReference ref(String registry, String image, String digest) {
        return ImageReference.parse(registry + "/" + image + "@" + digest);
    }
}
