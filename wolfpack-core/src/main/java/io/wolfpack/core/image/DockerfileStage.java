package io.wolfpack.core.image;

/**
 * One build stage of a Dockerfile: one FROM line.
 *
 * @param index     0-based position among the stages
 * @param alias     the name after {@code AS}, lower-cased (stage names are case-insensitive); null when none
 * @param base      the image or earlier stage named by FROM, after ARG substitution
 * @param platform  the value of {@code --platform=}, after ARG substitution (the builder's automatic
 *                  platform ARGs such as {@code $BUILDPLATFORM} are kept as written); null when none
 * @param line      1-based line of the FROM instruction
 * @param fromStage true when {@code base} names an earlier stage rather than an image
 */
public record DockerfileStage(int index, String alias, String base, String platform, int line, boolean fromStage) {
    /** True when this stage starts from nothing at all. */
    public boolean fromScratch() {
        return !fromStage && DockerfileParser.SCRATCH.equals(base);
    }
}
