package io.wolfpack.cli.commands;

import java.io.InputStream;
import java.time.Clock;
import java.util.Map;

/**
 * What the client commands take from the process around them: environment variables, the
 * clock for ages, and stdin for {@code deploy -f -}. Tests pass their own.
 */
public record ClientContext(Map<String, String> env, Clock clock, InputStream stdin) {
    public ClientContext {
        env = Map.copyOf(env);
    }

    public static ClientContext system() {
        return new ClientContext(System.getenv(), Clock.systemUTC(), System.in);
    }
}
