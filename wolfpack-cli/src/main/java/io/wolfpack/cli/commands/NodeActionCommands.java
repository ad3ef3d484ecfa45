package io.wolfpack.cli.commands;

import io.wolfpack.core.api.NodeView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.time.Instant;

/** {@code wolfpack cordon | uncordon | drain NODE}: an operator's say over a node. */
public final class NodeActionCommands {
    private NodeActionCommands() {
    }

    @Command(name = "cordon", mixinStandardHelpOptions = true,
            description = {"Stop placing new instances on a node. Its instances keep running."},
            footerHeading = HelpText.EXAMPLES, footer = {"  wolfpack cordon h2", "  wolfpack uncordon h2"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    public static final class Cordon extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NODE", description = "The node's name (see 'wolfpack nodes').")
        String node;

        public Cordon(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            NodeView n = api().cordon(node);
            print(n.name() + " is " + n.state().wire() + ": no new instances will be placed there\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "uncordon", mixinStandardHelpOptions = true,
            description = {"Let a cordoned or drained node take new instances again."},
            footerHeading = HelpText.EXAMPLES, footer = {"  wolfpack uncordon h2"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    public static final class Uncordon extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NODE", description = "The node's name.")
        String node;

        public Uncordon(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            NodeView n = api().uncordon(node);
            print(n.name() + " is " + n.state().wire() + ": it takes new instances again\n");
            return ExitCodes.OK;
        }
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = {"Cordon a node and move its instances elsewhere.",
                    "Each replacement is started on another node and must be healthy before the instance it",
                    "replaces stops, so no service drops below replicas - maxUnavailable healthy instances."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack drain h2            # start the drain and return",
                    "  wolfpack drain h2 --wait     # wait until no instance is left on h2"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    public static final class Drain extends ClientCommand {
        @Parameters(index = "0", paramLabel = "NODE", description = "The node's name.")
        String node;

        @Option(names = "--wait", description = "Wait until the node has no instances left, printing progress.")
        boolean waitForIt;

        @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait with --wait (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        public Drain(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() throws InterruptedException {
            NodeView n = api().drain(node);
            print(n.name() + " is draining: moving " + n.instances() + " instances elsewhere\n");
            if (!waitForIt) return ExitCodes.OK;
            Instant deadline = Instant.now().plus(Duration.ofSeconds(timeoutSeconds));
            int last = n.instances();
            while (n.instances() > 0) {
                if (Instant.now().isAfter(deadline)) {
                    print("still " + n.instances() + " instances on " + node + " after " + timeoutSeconds + "s; "
                            + "see 'wolfpack status' for instances that cannot be placed elsewhere\n");
                    return ExitCodes.ERROR;
                }
                Thread.sleep(1000);
                n = api().nodes().stream().filter(v -> v.name().equals(node)).findFirst().orElse(n);
                if (n.instances() != last) {
                    print("  " + n.instances() + " instances left on " + node + "\n");
                    last = n.instances();
                }
            }
            print(node + " is drained\n");
            return ExitCodes.OK;
        }
    }
}
