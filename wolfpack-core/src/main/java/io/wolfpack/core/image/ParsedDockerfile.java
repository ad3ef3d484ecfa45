package io.wolfpack.core.image;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a Dockerfile builds on: its stages, and the external images it copies from.
 *
 * @param stages         every FROM, in order; never empty
 * @param copyFromImages external images named by {@code COPY --from=} (and {@code RUN --mount=...,from=}),
 *                       distinct, in order of appearance; stage names and indexes are not listed
 */
public record ParsedDockerfile(List<DockerfileStage> stages, List<String> copyFromImages) {
    public ParsedDockerfile {
        if (stages == null || stages.isEmpty()) throw new IllegalArgumentException("a Dockerfile has at least one stage");
        stages = List.copyOf(stages);
        copyFromImages = copyFromImages == null ? List.of() : List.copyOf(copyFromImages);
    }

    /** The external image the last stage stands on, aliases followed; may be "scratch". */
    public String finalBase() {
        return finalBaseStage().base();
    }

    /** The stage whose FROM line names {@link #finalBase()}: the last stage, or the earlier stage it builds on. */
    public DockerfileStage finalBaseStage() {
        DockerfileStage s = stages.get(stages.size() - 1);
        while (s.fromStage()) s = stageBefore(s.index(), s.base()).orElseThrow();
        return s;
    }

    /** The stages on the chain from the last stage down to {@link #finalBaseStage()}. */
    public List<DockerfileStage> finalChain() {
        List<DockerfileStage> chain = new ArrayList<>();
        DockerfileStage s = stages.get(stages.size() - 1);
        chain.add(s);
        while (s.fromStage()) {
            s = stageBefore(s.index(), s.base()).orElseThrow();
            chain.add(s);
        }
        return List.copyOf(chain);
    }

    /**
     * Other external images the build reads: bases of stages off the final chain, then COPY --from
     * images; distinct, in order, without "scratch" and without {@link #finalBase()} itself.
     */
    public List<String> buildInputs() {
        List<String> inputs = new ArrayList<>(readOffFinalChain());
        inputs.remove(finalBase());
        return List.copyOf(inputs);
    }

    /**
     * Every external image a stage off the final chain stands on or a COPY --from reads, the
     * final base included when it is also read that way (a build stage FROM the same image):
     * what such a stage produced was made on the old version of that image, so an image that
     * reads one of these cannot be rebased onto a new version of it, only rebuilt.
     */
    public List<String> readOffFinalChain() {
        Set<Integer> chain = new HashSet<>();
        for (DockerfileStage s : finalChain()) chain.add(s.index());
        Set<String> inputs = new LinkedHashSet<>();
        for (DockerfileStage s : stages) {
            if (!chain.contains(s.index()) && !s.fromStage() && !s.fromScratch()) inputs.add(s.base());
        }
        inputs.addAll(copyFromImages);
        return List.copyOf(inputs);
    }

    /** Every external image named by a FROM (not "scratch") or a COPY --from, distinct, in order. */
    public List<String> externalImages() {
        Set<String> all = new LinkedHashSet<>();
        for (DockerfileStage s : stages) {
            if (!s.fromStage() && !s.fromScratch()) all.add(s.base());
        }
        all.addAll(copyFromImages);
        return List.copyOf(all);
    }

    /** The latest stage before {@code index} named {@code name} (case-insensitive). */
    public Optional<DockerfileStage> stageBefore(int index, String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (int k = Math.min(index, stages.size()) - 1; k >= 0; k--) {
            if (wanted.equals(stages.get(k).alias())) return Optional.of(stages.get(k));
        }
        return Optional.empty();
    }
}
