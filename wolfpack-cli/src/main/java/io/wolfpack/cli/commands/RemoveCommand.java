package io.wolfpack.cli.commands;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code wolfpack rm NAME}. */
@Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
        description = {"Remove a service. Its instances are stopped and removed by their agents."},
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack rm web"},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class RemoveCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    public RemoveCommand(ClientContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        api().remove(name);
        print("removed " + name + "\n");
        return ExitCodes.OK;
    }
}
