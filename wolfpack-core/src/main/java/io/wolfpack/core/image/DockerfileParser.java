package io.wolfpack.core.image;

import io.wolfpack.core.spec.ImageReference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the lineage of a Dockerfile: every FROM (multi-stage, ARG defaults before the first FROM,
 * {@code --platform}, {@code name:tag@digest}, {@code AS name}) and every image named by
 * {@code COPY --from}. Everything else in the file is skipped; heredoc bodies are passed over.
 */
public final class DockerfileParser {
    public static final String SCRATCH = "scratch";
    private static final String STAGE_NAME = "[a-z][a-z0-9-_.]*";

    private DockerfileParser() {
    }

    /** Parses {@code text}; throws {@link DockerfileException} naming the line and what is wrong. */
    public static ParsedDockerfile parse(String text) {
        DockerfileLexer.Result lexed = DockerfileLexer.lex(text);
        DockerfileArgs args = new DockerfileArgs(lexed.escape());
        List<DockerfileStage> stages = new ArrayList<>();
        Map<String, Integer> aliasLines = new HashMap<>();
        Set<String> copyFrom = new LinkedHashSet<>();
        for (DockerfileLexer.Instruction in : lexed.instructions()) {
            switch (in.keyword()) {
                case "ARG":
                    if (stages.isEmpty()) args.declare(in.arguments(), in.line());
                    break;  // ARGs inside a stage cannot change any FROM
                case "FROM":
                    stages.add(from(in, args, stages, aliasLines));
                    break;
                case "COPY":
                    requireStage(in, stages);
                    for (String value : flagValues(in, "from")) copyFrom(value, in, args, stages, copyFrom, "COPY --from");
                    break;
                case "RUN":
                    requireStage(in, stages);
                    for (String mount : flagValues(in, "mount")) {
                        for (String option : mount.split(",")) {
                            if (option.startsWith("from=")) {
                                copyFrom(option.substring(5), in, args, stages, copyFrom, "RUN --mount from");
                            }
                        }
                    }
                    break;
                default:
                    requireStage(in, stages);
            }
        }
        if (stages.isEmpty()) {
            throw new DockerfileException(Math.max(1, lexed.lineCount()),
                    "the Dockerfile has no FROM instruction; every build starts with FROM image (or FROM scratch)");
        }
        return new ParsedDockerfile(stages, List.copyOf(copyFrom));
    }

    private static DockerfileStage from(DockerfileLexer.Instruction in, DockerfileArgs args,
                                        List<DockerfileStage> stages, Map<String, Integer> aliasLines) {
        List<String> words = DockerfileLexer.words(in.arguments());
        String platform = null;
        int k = 0;
        for (; k < words.size() && words.get(k).startsWith("--"); k++) {
            String flag = words.get(k);
            if (!flag.startsWith("--platform=")) {
                throw new DockerfileException(in.line(), "FROM has an unknown flag '" + flag + "'; allowed: --platform=os/arch");
            }
            String value = DockerfileLexer.unquote(flag.substring("--platform=".length()));
            if (value.isEmpty()) throw new DockerfileException(in.line(), "FROM --platform= needs a value, e.g. --platform=linux/amd64");
            platform = args.substitute(value, in.line(), "FROM --platform", DockerfileArgs.PLATFORM_ARGS);
        }
        if (k >= words.size()) {
            throw new DockerfileException(in.line(), "FROM needs an image: FROM [--platform=...] image[:tag][@digest] [AS name]");
        }
        String written = words.get(k);
        String alias = null;
        List<String> rest = words.subList(k + 1, words.size());
        if (rest.size() == 2 && rest.get(0).equalsIgnoreCase("AS")) {
            alias = rest.get(1).toLowerCase(Locale.ROOT);
            if (!alias.matches(STAGE_NAME)) {
                throw new DockerfileException(in.line(), "stage name '" + rest.get(1)
                        + "' must start with a letter and hold only letters, digits, '-', '_' and '.'");
            }
            Integer earlier = aliasLines.get(alias);
            if (earlier != null) {
                throw new DockerfileException(in.line(), "stage name '" + alias + "' is already used by the FROM on line " + earlier);
            }
        } else if (!rest.isEmpty()) {
            throw new DockerfileException(in.line(), "after the image only 'AS name' may follow, found '" + String.join(" ", rest) + "'");
        }
        String base = args.substitute(written, in.line(), "FROM", Set.of());
        if (base.isEmpty()) {
            throw new DockerfileException(in.line(), "FROM " + written + " names no image once ARGs are substituted");
        }
        int index = stages.size();
        ParsedDockerfile sofar = stages.isEmpty() ? null : new ParsedDockerfile(stages, List.of());
        boolean fromStage = sofar != null && sofar.stageBefore(index, base).isPresent();
        if (!fromStage && !base.equals(SCRATCH)) checkImage(base, in.line(), "FROM image");
        if (alias != null) aliasLines.put(alias, in.line());
        return new DockerfileStage(index, alias, base, platform, in.line(), fromStage);
    }

    /** Records an external image named by --from; stage names and stage indexes are not images. */
    private static void copyFrom(String raw, DockerfileLexer.Instruction in, DockerfileArgs args,
                                 List<DockerfileStage> stages, Set<String> copyFrom, String what) {
        String value = args.substitute(DockerfileLexer.unquote(raw), in.line(), what, Set.of());
        if (value.isEmpty()) throw new DockerfileException(in.line(), what + " needs a stage name, a stage index or an image");
        int current = stages.size() - 1;
        if (value.matches("[0-9]+")) {
            int index = Integer.parseInt(value);
            if (index >= current) {
                throw new DockerfileException(in.line(), what + "=" + value + " must name an earlier stage: "
                        + (current == 0 ? "this is the first stage" : "use 0.." + (current - 1)));
            }
            return;
        }
        if (new ParsedDockerfile(stages, List.of()).stageBefore(current, value).isPresent()) return;
        if (value.equalsIgnoreCase(stages.get(current).alias())) {
            throw new DockerfileException(in.line(), what + "=" + value + " names the stage it is in; name an earlier stage");
        }
        checkImage(value, in.line(), what);
        copyFrom.add(value);
    }

    private static void checkImage(String image, int line, String what) {
        try {
            ImageReference.parse(image);
        } catch (IllegalArgumentException e) {
            throw new DockerfileException(line, what + " '" + image + "' is not an image reference: " + e.getMessage());
        }
    }

    /** The values of {@code --name=value} flags written before the instruction's first other word. */
    private static List<String> flagValues(DockerfileLexer.Instruction in, String name) {
        List<String> values = new ArrayList<>();
        String prefix = "--" + name + "=";
        for (String word : DockerfileLexer.words(in.arguments())) {
            if (!word.startsWith("--")) break;
            if (word.startsWith(prefix)) values.add(word.substring(prefix.length()));
        }
        return values;
    }

    private static void requireStage(DockerfileLexer.Instruction in, List<DockerfileStage> stages) {
        if (stages.isEmpty()) {
            throw new DockerfileException(in.line(), in.keyword() + " comes before the first FROM; only ARG, comments"
                    + " and parser directives may come before FROM");
        }
    }
}
