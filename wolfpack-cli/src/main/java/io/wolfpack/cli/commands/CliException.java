package io.wolfpack.cli.commands;

/**
 * A problem the CLI finds before or without asking the server (no token, unreadable spec file).
 * The message is printed as "error: MESSAGE" and the command exits with {@link ExitCodes#ERROR}.
 */
public final class CliException extends RuntimeException {
    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
