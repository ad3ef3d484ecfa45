package io.wolfpack.cli.commands;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the cluster token: the --token flag, else the WOLFPACK_TOKEN environment variable, else
 * the file {@code DATA_DIR/token} (trimmed). When none has one, the error names all three places.
 */
public final class TokenResolver {
    public static final String ENV = "WOLFPACK_TOKEN";

    private TokenResolver() {
    }

    /** Where a token came from, for messages. */
    public record Token(String value, String source) {
        @Override
        public String toString() {
            return "Token[from " + source + "]"; // never print the secret itself
        }
    }

    public static Token resolve(String flag, Map<String, String> env, Path dataDir) {
        if (flag != null && !flag.isBlank()) return new Token(flag.strip(), "--token");
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) return new Token(fromEnv.strip(), ENV);
        Path file = dataDir.resolve("token");
        if (Files.isRegularFile(file)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new CliException("cannot read the cluster token from " + file + ": " + e.getMessage()
                        + "; check its permissions, or pass the token with --token or " + ENV, e);
            }
            if (text.isEmpty()) {
                throw new CliException("the token file " + file + " is empty; pass the token with --token or " + ENV
                        + ", or point --data-dir at the server's data directory");
            }
            return new Token(text, file.toString());
        }
        throw new CliException("no cluster token: pass --token TOKEN, set " + ENV + ", or run where "
                + file + " exists (--data-dir points at the server's data directory; 'wolfpack dev' writes .wolfpack/token)");
    }
}
