package io.wolfpack.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code wolfpack logs NAME}. */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Print the last lines of a service's container logs (stdout and stderr):"
                + " of one instance, or of every instance, each block headed '==> ID <=='."},
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack logs web",
                "  wolfpack logs web --instance web-k3x9q2 --tail 50"},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class LogsCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    @Option(names = {"-i", "--instance"}, paramLabel = "ID", description = "Only this instance (see 'wolfpack status NAME').")
    String instance;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", defaultValue = "200",
            description = "How many lines per instance, at most 10000 (default: ${DEFAULT-VALUE}).")
    int tail;

    public LogsCommand(ClientContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        if (tail < 1 || tail > 10_000) {
            throw new ParameterException(spec.commandLine(), "--tail " + tail + " is out of range; use 1 to 10000 lines");
        }
        String text = api().logs(name, instance, tail);
        if (!text.isEmpty()) print(text.endsWith("\n") ? text : text + "\n");
        return ExitCodes.OK;
    }
}
