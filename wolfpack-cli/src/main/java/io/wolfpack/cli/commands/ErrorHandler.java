package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.ErrorPrinter;
import io.wolfpack.client.ApiException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * The one place where a command's failure becomes text on stderr and an exit code
 * ({@link ExitCodes}). Anything that is not an expected failure is a bug: picocli prints its
 * stack trace and exits with 1.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) throws Exception {
        if (ex instanceof ApiException api) {
            cmd.getErr().print(ErrorPrinter.render(api));
            cmd.getErr().flush();
            return ExitCodes.of(api);
        }
        if (ex instanceof CliException cli) {
            cmd.getErr().print(ErrorPrinter.render(cli.getMessage()));
            cmd.getErr().flush();
            return ExitCodes.ERROR;
        }
        throw ex;
    }
}
