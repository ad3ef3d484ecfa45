package io.wolfpack.cli.commands;

import io.wolfpack.cli.output.RolloutOutput;
import io.wolfpack.core.api.RevisionView;
import io.wolfpack.core.api.ServiceView;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** {@code wolfpack rollout status | history | undo}: watch a rollout, list revisions, go back. */
public final class RolloutCommands {
    private RolloutCommands() {
    }

    public static CommandLine command(ClientContext context) {
        return new CommandLine(new Rollout())
                .addSubcommand(new Status(context))
                .addSubcommand(new History(context))
                .addSubcommand(new Undo(context))
                .addSubcommand("pause", action("pause", "Hold a canary where it is: traffic stays split, no verdict, no promotion.", context))
                .addSubcommand("resume", action("resume", "Let a paused canary be judged again.", context))
                .addSubcommand("promote", action("promote", "End a canary now as passed; the rolling update goes on.", context));
    }

    private static CommandLine action(String verb, String description, ClientContext context) {
        CommandLine cl = new CommandLine(new Action(verb, context));
        cl.getCommandSpec().usageMessage().description(description);
        return cl;
    }

    @Command(name = "rollout", mixinStandardHelpOptions = true,
            description = {"Rollouts: every deploy -f with a changed spec makes a new revision, rolled out instance by "
                    + "instance (update.maxSurge, maxUnavailable, minReady, drain). With update.canary the new revision "
                    + "first gets exactly its weight of the traffic for the hold, compared with the stable one; worse "
                    + "errors or unhealthy canary instances send the service back. A rollout still open after "
                    + "update.progressDeadline fails and goes back by itself."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack rollout status web", "  wolfpack rollout history web --diff 2 3", "  wolfpack rollout undo web"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Rollout implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing subcommand: status, history, undo, pause, resume or promote (wolfpack rollout --help)");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Where the service's rollout stands: instances per revision, how many serve, and the "
                    + "last failed rollout if any."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Status extends ClientCommand {
        @Parameters(index = "0", paramLabel = "SERVICE")
        String service;

        Status(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ServiceView v = api().service(service);
            print(RolloutOutput.status(v, context.clock().instant()));
            return ExitCodes.OK;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = {"The kept revisions of a service with their image, instances and failure if any; "
                    + "--diff A B shows how two revisions' specs differ."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class History extends ClientCommand {
        @Parameters(index = "0", paramLabel = "SERVICE")
        String service;

        @Option(names = "--diff", arity = "2", paramLabel = "REV", description = "Two revisions to compare, e.g. --diff 2 3.")
        List<Long> diff;

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        History(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            List<RevisionView> revisions = api().revisions(service);
            if (json) {
                printJson(revisions);
            } else if (diff != null) {
                RevisionView a = find(revisions, diff.get(0));
                RevisionView b = find(revisions, diff.get(1));
                print(RolloutOutput.diff(a, b));
            } else {
                print(RolloutOutput.history(revisions));
            }
            return ExitCodes.OK;
        }

        private RevisionView find(List<RevisionView> revisions, long rev) {
            return revisions.stream().filter(r -> r.revision() == rev).findFirst().orElseThrow(() -> new CliException(
                    "service " + service + " has no kept revision " + rev + "; kept: "
                            + revisions.stream().map(r -> String.valueOf(r.revision())).toList()));
        }
    }

    @Command(name = "undo", mixinStandardHelpOptions = true,
            description = {"Go back to the previous revision (or --to REV), rolled out like any change."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Undo extends ClientCommand {
        @Parameters(index = "0", paramLabel = "SERVICE")
        String service;

        @Option(names = "--to", paramLabel = "REV", description = "The revision to go back to (default: the one before the current).")
        Long to;

        Undo(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ServiceView before = api().service(service);
            ServiceView after = api().rollback(service, to);
            print(service + ": revision " + before.revision() + " → " + after.revision() + " (" + after.spec().image()
                    + "), rolling out; follow it with: wolfpack rollout status " + service + "\n");
            return ExitCodes.OK;
        }
    }

    /** pause, resume, promote: one verb, one API call. */
    @Command(mixinStandardHelpOptions = true,
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Action extends ClientCommand {
        @Parameters(index = "0", paramLabel = "SERVICE")
        String service;

        private final String verb;

        Action(String verb, ClientContext context) {
            super(context);
            this.verb = verb;
        }

        @Override
        public Integer call() {
            ServiceView v = api().rolloutAction(service, verb);
            print(RolloutOutput.status(v, context.clock().instant()));
            return ExitCodes.OK;
        }
    }
}
