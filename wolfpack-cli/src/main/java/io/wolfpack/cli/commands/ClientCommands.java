package io.wolfpack.cli.commands;

import java.util.List;

/** The client subcommands of {@code wolfpack}, ready to register with picocli. */
public final class ClientCommands {
    private ClientCommands() {
    }

    public static List<Object> all() {
        return all(ClientContext.system());
    }

    public static List<Object> all(ClientContext context) {
        return List.of(
                new DeployCommand(context),
                new StatusCommand(context),
                new ScaleCommand(context),
                new RemoveCommand(context),
                new NodesCommand(context),
                new NodeActionCommands.Cordon(context),
                new NodeActionCommands.Uncordon(context),
                new NodeActionCommands.Drain(context),
                RouteCommands.command(context),
                RolloutCommands.command(context),
                ImageCommands.command(context),
                CampaignCommands.command(context),
                new EventsCommand(context),
                new LogsCommand(context));
    }
}
