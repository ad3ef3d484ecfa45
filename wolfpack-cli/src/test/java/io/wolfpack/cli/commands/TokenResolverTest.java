package io.wolfpack.cli.commands;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenResolverTest {
    @TempDir
    Path dir;

    @Test
    void flagWinsOverEnvironmentAndFile() throws IOException {
        Files.writeString(dir.resolve("token"), "from-file\n");

        TokenResolver.Token t = TokenResolver.resolve("from-flag", Map.of("WOLFPACK_TOKEN", "from-env"), dir);

        assertThat(t.value()).isEqualTo("from-flag");
        assertThat(t.source()).isEqualTo("--token");
    }

    @Test
    void environmentWinsOverFile() throws IOException {
        Files.writeString(dir.resolve("token"), "from-file\n");

        assertThat(TokenResolver.resolve(null, Map.of("WOLFPACK_TOKEN", "from-env"), dir).value()).isEqualTo("from-env");
        assertThat(TokenResolver.resolve("  ", Map.of("WOLFPACK_TOKEN", "from-env"), dir).value()).isEqualTo("from-env");
    }

    @Test
    void fileIsReadAndTrimmed() throws IOException {
        Files.writeString(dir.resolve("token"), "  abc123\n\n");

        TokenResolver.Token t = TokenResolver.resolve(null, Map.of("WOLFPACK_TOKEN", ""), dir);

        assertThat(t.value()).isEqualTo("abc123");
        assertThat(t.source()).isEqualTo(dir.resolve("token").toString());
        assertThat(t.toString()).doesNotContain("abc123");
    }

    @Test
    void withoutAnyTokenTheErrorNamesAllThreePlaces() {
        assertThatThrownBy(() -> TokenResolver.resolve(null, Map.of(), dir))
                .isInstanceOf(CliException.class)
                .hasMessageContaining("--token")
                .hasMessageContaining("WOLFPACK_TOKEN")
                .hasMessageContaining(dir.resolve("token").toString());
    }

    @Test
    void anEmptyTokenFileIsAnErrorThatNamesTheFile() throws IOException {
        Files.writeString(dir.resolve("token"), "\n");

        assertThatThrownBy(() -> TokenResolver.resolve(null, Map.of(), dir))
                .isInstanceOf(CliException.class)
                .hasMessageContaining(dir.resolve("token") + " is empty");
    }
}
