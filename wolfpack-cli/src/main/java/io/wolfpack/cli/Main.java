package io.wolfpack.cli;

import io.wolfpack.cli.roles.AgentCommand;
import io.wolfpack.cli.roles.DevCommand;
import io.wolfpack.cli.roles.RouterCommand;
import io.wolfpack.cli.roles.ServerCommand;

import java.util.List;

/** The {@code wolfpack} command: client commands and the roles (server, agent, router, dev). */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int code = 1;
        try {
            code = WolfpackCommand.commandLine(List.of(new ServerCommand(), new AgentCommand(), new RouterCommand(),
                    new DevCommand())).execute(args);
        } catch (Throwable t) {
            System.err.println("wolfpack: " + t);
            t.printStackTrace();
        } finally {
            // Embedded ZooKeeper and Jetty run non-daemon threads: always end the process.
            System.exit(code);
        }
    }
}
