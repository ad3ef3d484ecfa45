package io.wolfpack.core.image;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerfileParserTest {
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void aSingleStageStandsOnItsImage() {
        ParsedDockerfile p = DockerfileParser.parse("FROM busybox:1.36\nRUN echo hi\nCMD [\"sh\"]\n");
        assertThat(p.stages()).containsExactly(new DockerfileStage(0, null, "busybox:1.36", null, 1, false));
        assertThat(p.finalBase()).isEqualTo("busybox:1.36");
        assertThat(p.buildInputs()).isEmpty();
    }

    @Test
    void scratchIsABaseWithoutAnImage() {
        ParsedDockerfile p = DockerfileParser.parse("from scratch\nCOPY busybox /bin/busybox\n");
        assertThat(p.finalBase()).isEqualTo("scratch");
        assertThat(p.finalBaseStage().fromScratch()).isTrue();
        assertThat(p.buildInputs()).isEmpty();
    }

    @Test
    void multiStageFollowsAliasesToTheFinalBaseAndRecordsOtherInputs() {
        String text = """
                # syntax=docker/dockerfile:1
                FROM golang:1.22 AS Build
                RUN go build -o /app .
                FROM alpine:3.19 AS runtime
                RUN apk add ca-certificates
                FROM runtime
                COPY --from=build /app /app
                COPY --from=0 /etc/passwd /etc/passwd
                COPY --from=registry.local:5000/tools:2 /bin/tool /bin/tool
                """;
        ParsedDockerfile p = DockerfileParser.parse(text);
        assertThat(p.stages()).extracting(DockerfileStage::alias).containsExactly("build", "runtime", null);
        assertThat(p.stages().get(2)).isEqualTo(new DockerfileStage(2, null, "runtime", null, 6, true));
        assertThat(p.finalBaseStage().index()).isEqualTo(1);
        assertThat(p.finalBase()).isEqualTo("alpine:3.19");
        assertThat(p.finalChain()).extracting(DockerfileStage::index).containsExactly(2, 1);
        assertThat(p.copyFromImages()).containsExactly("registry.local:5000/tools:2");
        assertThat(p.buildInputs()).containsExactly("golang:1.22", "registry.local:5000/tools:2");
    }

    @Test
    void stageNamesAreCaseInsensitive() {
        ParsedDockerfile p = DockerfileParser.parse("FROM base:1 AS Builder\nFROM BUILDER\nCOPY --from=BuIlDeR /a /a\n");
        assertThat(p.stages().get(1).fromStage()).isTrue();
        assertThat(p.finalBase()).isEqualTo("base:1");
        assertThat(p.copyFromImages()).isEmpty();
    }

    @Test
    void argDefaultsBeforeFromAreSubstitutedInEveryForm() {
        String text = """
                ARG REG=registry.local:5000
                ARG VERSION="1.4"
                ARG EMPTY
                ARG A=x B=y
                FROM $REG/base:${VERSION} AS one
                FROM ${REG}/tools:${MISSING_TAG:-2} AS two
                FROM ${EMPTY:-busybox}:${EMPTY:+never}latest AS three
                FROM img-${A}${B}:${A:+set}
                """;
        ParsedDockerfile p = DockerfileParser.parse(text);
        assertThat(p.stages()).extracting(DockerfileStage::base).containsExactly(
                "registry.local:5000/base:1.4", "registry.local:5000/tools:2", "busybox:latest", "img-xy:set");
    }

    @Test
    void argValuesMayUseEarlierArgs() {
        ParsedDockerfile p = DockerfileParser.parse("ARG V=1\nARG IMAGE=base:${V}.0\nFROM ${IMAGE}\n");
        assertThat(p.finalBase()).isEqualTo("base:1.0");
    }

    @Test
    void argsDeclaredInsideAStageDoNotReachLaterFromLines() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM scratch\nARG TAG=1\nFROM base:${TAG}\n"))
                .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("line 3")
                .hasMessageContaining("no ARG TAG is declared before the first FROM");
    }

    @Test
    void anUnknownArgIsNamed() {
        assertThatThrownBy(() -> DockerfileParser.parse("ARG REG=r.local\n\nFROM $REG/base:$TAG\n"))
                .isInstanceOfSatisfying(DockerfileException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.problem()).contains("$TAG").contains("no ARG TAG");
                });
    }

    @Test
    void anArgWithoutDefaultUsedPlainlyIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("ARG BASE\nFROM ${BASE}\n"))
                .hasMessageContaining("line 2")
                .hasMessageContaining("ARG BASE has no default value");
    }

    @Test
    void platformIsReadAndBuilderPlatformArgsStayAsWritten() {
        ParsedDockerfile p = DockerfileParser.parse("""
                ARG ARCH=arm64
                FROM --platform=$BUILDPLATFORM golang:1.22 AS build
                FROM --platform=linux/${ARCH} alpine:3
                """);
        assertThat(p.stages()).extracting(DockerfileStage::platform).containsExactly("$BUILDPLATFORM", "linux/arm64");
        assertThat(p.finalBase()).isEqualTo("alpine:3");
    }

    @Test
    void digestsAreKeptWithTheirTag() {
        ParsedDockerfile p = DockerfileParser.parse("FROM registry.local:5000/base:1.0@" + DIGEST + " AS b\n");
        assertThat(p.finalBase()).isEqualTo("registry.local:5000/base:1.0@" + DIGEST);
        assertThat(p.finalBaseStage().alias()).isEqualTo("b");
    }

    @Test
    void continuationLinesCommentsAndDirectivesAreHandled() {
        String text = """
                # escape=`
                # a comment
                FROM `
                  # a comment inside the instruction
                  --platform=linux/amd64 `

                  base:1 `
                  AS first
                RUN echo a `
                    b
                FROM first
                """;
        ParsedDockerfile p = DockerfileParser.parse(text);
        assertThat(p.stages().get(0)).isEqualTo(new DockerfileStage(0, "first", "base:1", "linux/amd64", 3, false));
        assertThat(p.stages().get(1).line()).isEqualTo(11);
        assertThat(p.finalBase()).isEqualTo("base:1");
    }

    @Test
    void backslashContinuesLinesByDefault() {
        ParsedDockerfile p = DockerfileParser.parse("FROM \\\n   base:2 \\\n AS x\nFROM x\n");
        assertThat(p.stages().get(0).base()).isEqualTo("base:2");
        assertThat(p.stages().get(1).line()).isEqualTo(4);
    }

    @Test
    void heredocBodiesAreNotReadAsInstructions() {
        String text = """
                FROM base:1
                RUN <<EOF
                FROM not-an-instruction
                echo hi
                EOF
                COPY <<-"END" /etc/conf
                \tFROM nor-this
                \tEND
                FROM base:1 AS last
                """;
        ParsedDockerfile p = DockerfileParser.parse(text);
        assertThat(p.stages()).extracting(DockerfileStage::line).containsExactly(1, 9);
    }

    @Test
    void shiftsInsideWordsAreNotHeredocs() {
        ParsedDockerfile p = DockerfileParser.parse("FROM base\nRUN echo \"a<<b\" $((1<<2))\nFROM base AS second\n");
        assertThat(p.stages()).extracting(DockerfileStage::line).containsExactly(1, 3);
    }

    @Test
    void anUnclosedHeredocIsAnErrorNotACrash() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM base\nRUN <<EOF\necho\n"))
                .hasMessageContaining("line 2").hasMessageContaining("never closed");
    }

    @Test
    void copyFromAnIndexMustNameAnEarlierStage() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a\nFROM b\nCOPY --from=1 /x /x\n"))
                .hasMessageContaining("line 3").hasMessageContaining("COPY --from=1 must name an earlier stage: use 0..0");
        assertThat(DockerfileParser.parse("FROM a\nFROM b\nCOPY --from=0 /x /x\n").copyFromImages()).isEmpty();
    }

    @Test
    void runMountsFromImagesAreInputs() {
        ParsedDockerfile p = DockerfileParser.parse("FROM base\nRUN --mount=type=bind,from=tools:1,target=/t /t/run\n");
        assertThat(p.copyFromImages()).containsExactly("tools:1");
        assertThat(p.buildInputs()).containsExactly("tools:1");
    }

    @Test
    void unusedStagesOffTheFinalChainAreInputsButTheFinalBaseIsNot() {
        ParsedDockerfile p = DockerfileParser.parse("FROM base AS a\nFROM tools AS t\nFROM base AS b\nFROM b\nCOPY --from=base / /\n");
        assertThat(p.finalBase()).isEqualTo("base");
        assertThat(p.buildInputs()).containsExactly("tools");
        assertThat(p.externalImages()).containsExactly("base", "tools");
    }

    @Test
    void noFromIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("# only a comment\nARG X=1\n"))
                .isInstanceOf(DockerfileException.class).hasMessageContaining("no FROM instruction");
        assertThatThrownBy(() -> DockerfileParser.parse(""))
                .isInstanceOfSatisfying(DockerfileException.class, e -> assertThat(e.line()).isEqualTo(1));
    }

    @Test
    void anInstructionBeforeFromIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("ARG X=1\nRUN echo\nFROM base\n"))
                .hasMessageContaining("line 2: RUN comes before the first FROM");
    }

    @Test
    void fromWithoutImageIsAnError() {
        assertThatThrownBy(() -> DockerfileParser.parse("\nFROM\n"))
                .hasMessageContaining("line 2: FROM needs an image");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM --platform=linux/amd64\n"))
                .hasMessageContaining("line 1: FROM needs an image");
    }

    @Test
    void badFromLinesSayWhatIsWrong() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM base AS\n"))
                .hasMessageContaining("only 'AS name' may follow, found 'AS'");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM --pull=always base\n"))
                .hasMessageContaining("unknown flag '--pull=always'");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM Base:1\n"))
                .hasMessageContaining("FROM image 'Base:1' is not an image reference").hasMessageContaining("lower-case");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a AS x\nFROM b AS X\n"))
                .hasMessageContaining("line 2: stage name 'x' is already used by the FROM on line 1");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a AS 1x\n"))
                .hasMessageContaining("stage name '1x' must start with a letter");
        assertThatThrownBy(() -> DockerfileParser.parse("ARG E\nFROM ${E:+x}\n"))
                .hasMessageContaining("names no image");
        assertThatThrownBy(() -> DockerfileParser.parse("FROM ${X#y}\n"))
                .hasMessageContaining("uses a form Wolfpack does not read");
    }

    @Test
    void aStageCannotCopyFromItself() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM a AS me\nCOPY --from=me /x /x\n"))
                .hasMessageContaining("names the stage it is in");
    }

    @Test
    void escapedDollarIsLiteral() {
        assertThatThrownBy(() -> DockerfileParser.parse("FROM \\$X\n"))
                .hasMessageContaining("'$X' is not an image reference");
    }

    @Test
    void windowsLineEndingsCountLinesTheSame() {
        ParsedDockerfile p = DockerfileParser.parse("FROM a AS x\r\n\r\nFROM x\r\n");
        assertThat(p.stages()).extracting(DockerfileStage::line).isEqualTo(List.of(1, 3));
    }

    @Test
    void aBuildStageOnTheFinalBaseIsReadOffTheFinalChainThoughItIsNoOtherInput() {
        ParsedDockerfile p = DockerfileParser.parse("""
                FROM runtime:1 AS build
                RUN make
                FROM runtime:1
                COPY --from=build /out /out
                """);
        assertThat(p.finalBase()).isEqualTo("runtime:1");
        assertThat(p.buildInputs()).isEmpty();
        // what the build stage made was made on runtime:1 as it was: a rebase would keep it stale
        assertThat(p.readOffFinalChain()).containsExactly("runtime:1");
        assertThat(DockerfileParser.parse("FROM base\nCOPY a /a\n").readOffFinalChain()).isEmpty();
    }
}
