package io.wolfpack.core.image;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerfilePinningTest {
    private static final String PINNED = "127.0.0.1:5000/base@sha256:" + "b".repeat(64);
    private static final String TOOLS = "127.0.0.1:5000/tools@sha256:" + "c".repeat(64);

    @Test
    void rewritesOnlyTheFinalBaseLineKeepingPlatformAndAlias() {
        String text = """
                ARG V=1.0
                FROM golang:1.22 AS build
                RUN go build
                FROM --platform=linux/amd64 base:${V} AS Runtime
                FROM runtime
                COPY --from=build /app /app
                """;
        String pinned = DockerfilePinning.pinFinalBase(text, DockerfileParser.parse(text), PINNED);
        assertThat(pinned).isEqualTo(text.replace("FROM --platform=linux/amd64 base:${V} AS Runtime",
                "FROM --platform=linux/amd64 " + PINNED + " AS Runtime"));
        ParsedDockerfile again = DockerfileParser.parse(pinned);
        assertThat(again.finalBase()).isEqualTo(PINNED);
        assertThat(again.stages().get(0).base()).isEqualTo("golang:1.22");
    }

    @Test
    void aContinuedFromBecomesOneLineAndLineNumbersStay() {
        String text = "FROM \\\n  base:1 \\\n  AS b\nRUN true\nFROM b\n";
        String pinned = DockerfilePinning.pinFinalBase(text, DockerfileParser.parse(text), PINNED);
        assertThat(pinned).isEqualTo("FROM " + PINNED + " AS b\n\n\nRUN true\nFROM b\n");
        assertThat(DockerfileParser.parse(pinned).stages().get(1).line()).isEqualTo(5);
    }

    @Test
    void scratchIsLeftAlone() {
        String text = "FROM scratch\nCOPY a /a\n";
        assertThat(DockerfilePinning.pinFinalBase(text, DockerfileParser.parse(text), PINNED)).isSameAs(text);
    }

    @Test
    void windowsLineEndingsAreKept() {
        String text = "FROM base\r\nRUN x\r\n";
        assertThat(DockerfilePinning.pinFinalBase(text, DockerfileParser.parse(text), PINNED))
                .isEqualTo("FROM " + PINNED + "\r\nRUN x\r\n");
    }

    @Test
    void aReferenceWithoutDigestIsRefused() {
        String text = "FROM base\n";
        assertThatThrownBy(() -> DockerfilePinning.pinFinalBase(text, DockerfileParser.parse(text), "127.0.0.1:5000/base:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no digest");
    }

    @Test
    void textThatDoesNotMatchTheParseIsRefused() {
        ParsedDockerfile parsed = DockerfileParser.parse("\n\nFROM base\n");
        assertThatThrownBy(() -> DockerfilePinning.pinFinalBase("FROM base\n", parsed, PINNED))
                .hasMessageContaining("does not match the parsed stages");
    }

    @Test
    void pinImagesRewritesEveryNamedFromAndCopyFrom() {
        String text = """
                FROM base:1 AS build
                RUN --mount=type=bind,from=tools,target=/t /t/x
                FROM scratch
                COPY --from=tools /bin/t /bin/t
                COPY --from=build /out /out
                COPY --from=other /o /o
                """;
        Map<String, String> pins = Map.of("base:1", PINNED, "tools", TOOLS);
        String pinned = DockerfilePinning.pinImages(text, DockerfileParser.parse(text), pins::get);
        assertThat(pinned).isEqualTo("""
                FROM %s AS build
                RUN --mount=type=bind,from=%s,target=/t /t/x
                FROM scratch
                COPY --from=%s /bin/t /bin/t
                COPY --from=build /out /out
                COPY --from=other /o /o
                """.formatted(PINNED, TOOLS, TOOLS));
        ParsedDockerfile again = DockerfileParser.parse(pinned);
        assertThat(again.copyFromImages()).containsExactly(TOOLS, "other");
    }
}
