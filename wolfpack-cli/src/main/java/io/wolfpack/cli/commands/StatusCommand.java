package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.ServiceOutput;
import io.wolfpack.client.ApiClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code wolfpack status [NAME]}: all services, or one service's instances. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every service, or one service in detail: its instances (state, health, host ports,"
                + " restarts, the last message) and why any instances could not be placed."},
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack status",
                "  wolfpack status web",
                "  wolfpack status web --json | jq '.instances[].state'"},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class StatusCommand extends ClientCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "A service; all services when left out.")
    String name;

    @Option(names = "--json", description = "Print [ServiceView], or the ServiceView of NAME. " + HelpText.JSON)
    boolean json;

    public StatusCommand(ClientContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        ApiClient api = api();
        if (name == null) {
            var services = api.services();
            if (json) printJson(services);
            else print(ServiceOutput.table(services));
        } else {
            var service = api.service(name);
            if (json) printJson(service);
            else print(ServiceOutput.detail(service, context.clock().instant()));
        }
        return ExitCodes.OK;
    }
}
