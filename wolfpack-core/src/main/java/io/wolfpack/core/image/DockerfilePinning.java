package io.wolfpack.core.image;

import io.wolfpack.core.spec.ImageReference;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites image names in a Dockerfile to references pinned by digest, so that what is built is
 * exactly what was recorded. Only the names change: flags, stage names and every other line stay as
 * written, and a FROM that spanned several lines becomes one line followed by blank ones, so line
 * numbers in the builder's messages still match the file in git.
 */
public final class DockerfilePinning {
    private DockerfilePinning() {
    }

    /**
     * Rewrites the FROM line of {@link ParsedDockerfile#finalBaseStage()} to
     * {@code FROM [--platform=..] pinnedRef [AS alias]}. When the final base is scratch the text is
     * returned unchanged. {@code pinnedRef} must carry a digest ({@code name@sha256:...}).
     */
    public static String pinFinalBase(String dockerfileText, ParsedDockerfile parsed, String pinnedRef) {
        DockerfileStage stage = parsed.finalBaseStage();
        if (stage.fromScratch()) return dockerfileText;
        requireDigest(pinnedRef);
        return rewrite(dockerfileText, Map.of(stage.line(), pinnedRef), Map.of());
    }

    /**
     * Rewrites every image named by a FROM or a {@code --from=} for which {@code pin} returns a
     * reference (null leaves that name as written). Each reference returned must carry a digest.
     */
    public static String pinImages(String dockerfileText, ParsedDockerfile parsed, Function<String, String> pin) {
        Map<Integer, String> fromLines = new HashMap<>();
        for (DockerfileStage s : parsed.stages()) {
            if (s.fromStage() || s.fromScratch()) continue;
            String ref = pin.apply(s.base());
            if (ref != null) fromLines.put(s.line(), requireDigest(ref));
        }
        Map<String, String> copies = new HashMap<>();
        for (String image : parsed.copyFromImages()) {
            String ref = pin.apply(image);
            if (ref != null) copies.put(image, requireDigest(ref));
        }
        return rewrite(dockerfileText, fromLines, copies);
    }

    private static String rewrite(String text, Map<Integer, String> fromLines, Map<String, String> copies) {
        DockerfileLexer.Result lexed = DockerfileLexer.lex(text);
        String[] lines = DockerfileLexer.lines(text);
        int rewritten = 0;
        for (DockerfileLexer.Instruction in : lexed.instructions()) {
            String ref = fromLines.get(in.line());
            if (ref != null && in.keyword().equals("FROM")) {
                lines[in.line() - 1] = fromLine(in, ref);
                for (int k = in.line(); k < in.lastLine(); k++) lines[k] = "";
                rewritten++;
            } else if (!copies.isEmpty() && (in.keyword().equals("COPY") || in.keyword().equals("RUN"))) {
                for (int k = in.line() - 1; k < in.lastLine(); k++) lines[k] = replaceFrom(lines[k], copies);
            }
        }
        if (rewritten != fromLines.size()) {
            throw new IllegalArgumentException("the Dockerfile text does not match the parsed stages: expected FROM on lines "
                    + fromLines.keySet());
        }
        String newline = text.contains("\r\n") ? "\r\n" : "\n";
        return String.join(newline, lines);
    }

    private static String fromLine(DockerfileLexer.Instruction in, String ref) {
        StringBuilder line = new StringBuilder("FROM");
        boolean imageSeen = false;
        for (String word : DockerfileLexer.words(in.arguments())) {
            if (!imageSeen && !word.startsWith("--")) {
                line.append(' ').append(ref);
                imageSeen = true;
            } else {
                line.append(' ').append(word);
            }
        }
        return line.toString();
    }

    /** Replaces {@code --from=IMAGE} and {@code ,from=IMAGE} (mounts) where IMAGE is written literally. */
    private static String replaceFrom(String line, Map<String, String> copies) {
        String out = line;
        for (Map.Entry<String, String> e : copies.entrySet()) {
            Pattern p = Pattern.compile("(?<=--|,|--mount=)from=[\"']?" + Pattern.quote(e.getKey()) + "[\"']?(?=[,\\s\\\\`]|$)");
            out = p.matcher(out).replaceAll(Matcher.quoteReplacement("from=" + e.getValue()));
        }
        return out;
    }

    private static String requireDigest(String ref) {
        ImageReference parsed;
        try {
            parsed = ImageReference.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pinned reference '" + ref + "' is not an image reference: " + e.getMessage());
        }
        if (parsed.digest() == null) {
            throw new IllegalArgumentException("pinned reference '" + ref + "' has no digest; use name@sha256:...");
        }
        return ref;
    }
}
