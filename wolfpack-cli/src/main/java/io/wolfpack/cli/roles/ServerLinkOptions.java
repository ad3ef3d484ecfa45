package io.wolfpack.cli.roles;

import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** How an agent or router finds the server and proves it belongs to the cluster. */
public final class ServerLinkOptions {
    @Option(names = "--server", defaultValue = "${env:WOLFPACK_ADDR:-http://127.0.0.1:7700}",
            description = "The server's URL (default: WOLFPACK_ADDR or http://127.0.0.1:7700).")
    String server;

    @Option(names = {"--join-token", "--token"}, defaultValue = "${env:WOLFPACK_JOIN_TOKEN}",
            description = "The join token from the server's DATA_DIR/join-token (default: WOLFPACK_JOIN_TOKEN)."
                    + " Prefer --join-token-file: arguments are visible in ps.")
    String token;

    @Option(names = {"--join-token-file", "--token-file"}, paramLabel = "FILE",
            description = "A file holding the join token (a copy of the server's DATA_DIR/join-token).")
    Path tokenFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    String url() {
        return server.contains("://") ? server : "http://" + server;
    }

    String token() {
        if (tokenFile != null) {
            try {
                String t = Files.readString(tokenFile).trim();
                if (!t.isEmpty()) return t;
                throw new CommandLine.ParameterException(spec.commandLine(), "the token file " + tokenFile + " is empty");
            } catch (IOException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "cannot read the token file " + tokenFile + ": " + e);
            }
        }
        if (token != null && !token.isBlank()) return token.trim();
        throw new CommandLine.ParameterException(spec.commandLine(),
                "no join token: pass --join-token-file (a copy of the server's DATA_DIR/join-token), --join-token,"
                        + " or set WOLFPACK_JOIN_TOKEN");
    }
}
