package io.wolfpack.cli.commands;

import io.wolfpack.core.api.ServiceView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wolfpack scale NAME N}. */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"Set the number of instances of a service (0-1000). Scaling keeps the revision."},
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack scale web 5",
                "  wolfpack scale web 0      # stop every instance, keep the service"},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class ScaleCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The service.")
    String name;

    @Parameters(index = "1", paramLabel = "REPLICAS", description = "How many instances it should have.")
    int replicas;

    @Option(names = "--json", description = "Print the resulting ServiceView. " + HelpText.JSON)
    boolean json;

    public ScaleCommand(ClientContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        ServiceView s = api().scale(name, replicas);
        if (json) {
            printJson(s);
        } else {
            print("scaled " + s.name() + " to " + s.desired() + (s.desired() == 1 ? " replica" : " replicas")
                    + " (revision " + s.revision() + ")\n");
        }
        return ExitCodes.OK;
    }
}
