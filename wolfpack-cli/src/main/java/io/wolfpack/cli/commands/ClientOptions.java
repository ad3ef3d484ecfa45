package io.wolfpack.cli.commands;

import io.wolfpack.client.ApiClient;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;

/**
 * The options every client command shares: where the server is and how to find the token.
 * Used as a picocli {@code @Mixin}; {@link #client()} builds the {@link ApiClient}.
 */
public final class ClientOptions {
    public static final String ADDR_ENV = "WOLFPACK_ADDR";

    @Option(names = "--addr", paramLabel = "URL",
            description = "The Wolfpack server's API address (env " + ADDR_ENV + ", default " + ApiClient.DEFAULT_ADDR + ").")
    String addr;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The cluster token (env " + TokenResolver.ENV + ", else read from DATA_DIR/token).")
    String token;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = ".wolfpack",
            description = "Where to look for the token file when neither --token nor " + TokenResolver.ENV
                    + " is set (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    private final ClientContext context;

    public ClientOptions(ClientContext context) {
        this.context = context;
    }

    /** The server address: --addr, else WOLFPACK_ADDR, else the default; "host:port" gets "http://". */
    public String address() {
        String a = addr != null && !addr.isBlank() ? addr : context.env().get(ADDR_ENV);
        if (a == null || a.isBlank()) return ApiClient.DEFAULT_ADDR;
        a = a.strip();
        if (!a.contains("://")) a = "http://" + a;
        try {
            URI u = URI.create(a);
            if (u.getHost() == null) throw new IllegalArgumentException("no host");
        } catch (IllegalArgumentException e) {
            throw new CliException("the server address '" + a + "' is not a URL like " + ApiClient.DEFAULT_ADDR
                    + "; fix --addr or " + ADDR_ENV);
        }
        return a;
    }

    public ApiClient client() {
        String address = address();
        TokenResolver.Token t = TokenResolver.resolve(token, context.env(), dataDir == null ? Path.of(".wolfpack") : dataDir);
        return new ApiClient(address, t.value());
    }
}
