package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.ImageOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.concurrent.Callable;

/**
 * {@code wolfpack campaign start | status | ls | pause | resume | abort}: base-image patch
 * campaigns. docs/IMAGES.md ("Patch campaigns").
 */
public final class CampaignCommands {
    private CampaignCommands() {
    }

    public static CommandLine command(ClientContext context) {
        return new CommandLine(new Campaign())
                .addSubcommand(new Start(context))
                .addSubcommand(new Status(context))
                .addSubcommand(new ListCampaigns(context))
                .addSubcommand("pause", action("pause", "Finish what is in flight, start nothing new until resume.", context))
                .addSubcommand("resume", action("resume", "Go on with a paused campaign.", context))
                .addSubcommand("abort", action("abort", "Stop for good: what is done stays done, nothing else is touched.", context));
    }

    private static CommandLine action(String verb, String description, ClientContext context) {
        CommandLine cl = new CommandLine(new Action(verb, context));
        cl.getCommandSpec().usageMessage().description(description);
        return cl;
    }

    @Command(name = "campaign", mixinStandardHelpOptions = true,
            description = {"Base-image patch campaigns: rebuild (or rebase, when that is safe) every image built on a "
                    + "base, in lineage order, then roll every service running one of them out canary-first, in waves "
                    + "ordered by blast radius (fewest instances first). The first failure halts the whole campaign "
                    + "with its reason: services done stay done, untouched ones stay untouched. See docs/IMAGES.md."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack campaign start --base base --dry-run", "  wolfpack campaign start --base base",
                    "  wolfpack campaign status", "  wolfpack campaign abort c-3"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Campaign implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing subcommand: start, status, ls, pause, resume or abort (wolfpack campaign --help)");
        }
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a campaign for a base image (by hand; commits that change a base start one by themselves)."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Start extends ClientCommand {
        @Option(names = "--base", required = true, paramLabel = "IMAGE", description = "The base image to patch (an image of a registered repository).")
        String base;

        @Option(names = "--dry-run", description = "Show the affected images and services and the waves; change nothing.")
        boolean dryRun;

        @Option(names = "--wave-size", paramLabel = "N", description = "Services per wave (default 1).")
        Integer waveSize;

        @Option(names = "--parallel", paramLabel = "N", description = "Independent images built at once (default 2).")
        Integer parallel;

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Start(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var view = api().startCampaign(base, dryRun, waveSize, parallel);
            if (json) printJson(view);
            else print(ImageOutput.campaign(view, context.clock().instant()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"One campaign in full (the latest when no ID is given): each image's path and why, each wave's rollouts."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Status extends ClientCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "ID")
        String id;

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Status(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var api = api();
            var view = id != null ? api.campaign(id) : api.campaigns().stream().reduce((a, b) -> b)
                    .orElseThrow(() -> new CliException("no campaigns yet; start one with: wolfpack campaign start --base NAME"));
            if (json) printJson(view);
            else print(ImageOutput.campaign(view, context.clock().instant()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
            description = {"Every campaign, oldest first (history is kept)."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class ListCampaigns extends ClientCommand {
        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        ListCampaigns(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            var list = api().campaigns();
            if (json) printJson(list);
            else print(ImageOutput.campaigns(list, context.clock().instant()));
            return ExitCodes.OK;
        }
    }

    @Command(mixinStandardHelpOptions = true,
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Action extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        private final String verb;

        Action(String verb, ClientContext context) {
            super(context);
            this.verb = verb;
        }

        @Override
        public Integer call() {
            print(ImageOutput.campaign(api().campaignAction(id, verb), context.clock().instant()));
            return ExitCodes.OK;
        }
    }
}
