package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.NodeOutput;
import io.wolfpack.core.api.NodeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** {@code wolfpack nodes}. */
@Command(name = "nodes", mixinStandardHelpOptions = true,
        description = {"Show the nodes: state, address, CPU and memory used by instances against the total,"
                + " instance count, Docker engine version, labels and the age of the last heartbeat."},
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack nodes",
                "  wolfpack nodes --json | jq -r '.[] | select(.state != \"ready\") | .name'"},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class NodesCommand extends ClientCommand {
    @Option(names = "--json", description = "Print [NodeView]. " + HelpText.JSON)
    boolean json;

    public NodesCommand(ClientContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        List<NodeView> nodes = api().nodes();
        if (json) printJson(nodes);
        else print(NodeOutput.table(nodes, context.clock().instant()));
        return ExitCodes.OK;
    }
}
