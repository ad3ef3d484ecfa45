package io.wolfpack.cli.commands;

import io.wolfpack.client.ApiException;

/**
 * The exit codes of every client command, documented in docs/CLI.md. Scripts rely on them:
 * 3 means "try again later / check --addr", 1 means "the request itself is wrong".
 */
public final class ExitCodes {
    public static final int OK = 0;
    /** The server rejected the request, or the CLI's own input (file, token) is wrong. */
    public static final int ERROR = 1;
    /** Bad command line: unknown option, missing argument (picocli's own code for this). */
    public static final int USAGE = 2;
    /** The server could not be reached at all. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }

    public static int of(ApiException e) {
        return e.unreachable() ? UNREACHABLE : ERROR;
    }
}
