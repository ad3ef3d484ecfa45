package io.wolfpack.cli;

import io.wolfpack.cli.commands.ClientCommands;
import io.wolfpack.cli.commands.ClientContext;
import io.wolfpack.cli.commands.ErrorHandler;
import io.wolfpack.cli.commands.HelpText;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;

/**
 * The top-level {@code wolfpack} command. Build it with {@link #commandLine(List)}, passing the
 * role commands (server, agent, router, dev); the client commands are added here.
 */
@Command(name = "wolfpack", mixinStandardHelpOptions = true, versionProvider = WolfpackCommand.Version.class,
        subcommands = CommandLine.HelpCommand.class,
        description = {"Wolfpack runs stateless services as Docker containers across a fleet of hosts:"
                + " a server (REST API, scheduler, controllers; state in ZooKeeper), an agent on each host,"
                + " and routers that send HTTP traffic to healthy instances.",
                "",
                "Client commands call the server given by --addr or WOLFPACK_ADDR",
                "(default http://127.0.0.1:7700) with the cluster token from --token,",
                "WOLFPACK_TOKEN or the file .wolfpack/token."},
        commandListHeading = "%nCommands:%n",
        footerHeading = HelpText.EXAMPLES,
        footer = {"  wolfpack dev                   # server, agent and router in one process",
                "  wolfpack deploy -f web.yaml    # create or update a service",
                "  wolfpack status                # every service",
                "  wolfpack status web            # instances, and why any are not placed",
                "  wolfpack scale web 5",
                "  wolfpack events --follow",
                "  wolfpack help deploy           # help for one command",
                "",
                "Docs: docs/CLI.md (commands), docs/API.md (the REST API and the --json shapes)."},
        exitCodeListHeading = HelpText.EXIT_HEADING,
        exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
public final class WolfpackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** The full command line: client commands, then {@code extraSubcommands} (picocli command objects). */
    public static CommandLine commandLine(List<Object> extraSubcommands) {
        return commandLine(extraSubcommands, ClientContext.system());
    }

    public static CommandLine commandLine(List<Object> extraSubcommands, ClientContext context) {
        CommandLine cli = new CommandLine(new WolfpackCommand());
        for (Object c : ClientCommands.all(context)) cli.addSubcommand(c);
        for (Object c : extraSubcommands) cli.addSubcommand(c);
        // mixinStandardHelpOptions gives every subcommand --version; let it print ours
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (sub.getCommandSpec().version().length == 0 && sub.getCommandSpec().versionProvider() == null) {
                sub.getCommandSpec().versionProvider(new Version());
            }
        }
        cli.setExecutionExceptionHandler(new ErrorHandler());
        return cli;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing a command; see the list below");
    }

    /** The version from the jar's Maven metadata; "development build" when run from classes. */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = "development build";
            try (InputStream in = WolfpackCommand.class.getResourceAsStream(
                    "/META-INF/maven/io.wolfpack/wolfpack-cli/pom.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    version = p.getProperty("version", version);
                }
            } catch (IOException ignored) {
                // keep "development build": the version is informative only
            }
            return new String[] {"wolfpack " + version,
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
