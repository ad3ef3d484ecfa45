package io.wolfpack.cli.commands;

import io.wolfpack.client.ApiClient;
import io.wolfpack.client.ApiException;
import io.wolfpack.cli.output.RouteOutput;
import io.wolfpack.core.api.RouteDefinitionView;
import io.wolfpack.core.route.RouteTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code wolfpack route apply | ls | show | weight | rm}: route files, which split a host and path
 * by weight between services and static backends. docs/ROUTES.md has the file format.
 */
public final class RouteCommands {
    private RouteCommands() {
    }

    /** The {@code route} command with its subcommands, ready to add to the top-level command line. */
    public static CommandLine command(ClientContext context) {
        return new CommandLine(new Route())
                .addSubcommand(new Apply(context))
                .addSubcommand(new ListRoutes(context))
                .addSubcommand(new Show(context))
                .addSubcommand(new Weight(context))
                .addSubcommand(new Remove(context));
    }

    @Command(name = "route", mixinStandardHelpOptions = true,
            description = {"Route files: split the traffic for a host and path by weight between Wolfpack services "
                    + "(or one revision of a service) and static host:port backends such as legacy VMs.",
                    "A service's own route: section stays the one-backend shorthand; a route file with the same "
                    + "name or the same host and path takes its place. See docs/ROUTES.md."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack route apply -f web-route.yaml",
                    "  wolfpack route ls",
                    "  wolfpack route weight web web=50 legacy=50"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Route implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "missing subcommand: apply, ls, show, weight or rm (wolfpack route --help)");
        }
    }

    @Command(name = "apply", mixinStandardHelpOptions = true,
            description = {"Create a route from a route file, or replace the route of that name.",
                    "Routers serve the change within a second; requests in flight are not dropped."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack route apply -f web-route.yaml", "",
                    "  # web-route.yaml", "  name: web", "  host: web.local", "  path: /",
                    "  backends:", "    - {service: web, weight: 33}",
                    "    - {name: legacy, static: [\"10.0.0.5:8080\", \"10.0.0.6:8080\"], weight: 67}"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Apply extends ClientCommand {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "The route file, YAML (.yaml, .yml) or JSON (.json); '-' reads stdin.")
        String file;

        @Option(names = "--json", description = "Print the API's answer. " + HelpText.JSON)
        boolean json;

        Apply(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            SpecFile text = SpecFile.read(file, context.stdin(), "route file", "docs/ROUTES.md");
            ApiClient api = api();
            String name = text.serviceName();
            RouteDefinitionView before = name == null ? null : existing(api, name);
            RouteDefinitionView after = api.applyRoute(text.text(), text.yaml());
            if (json) printJson(after);
            else print(RouteOutput.applied(before == null ? null : before.route(), after));
            return ExitCodes.OK;
        }

        private static RouteDefinitionView existing(ApiClient api, String name) {
            try {
                return api.routeDefinition(name);
            } catch (ApiException e) {
                if (e.status() == 404 || e.status() == 400) return null;
                throw e;
            }
        }
    }

    @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
            description = {"List every route the routers serve, from route files and from services' route: sections, "
                    + "with each backend's weight, its share of traffic and its ready endpoints."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class ListRoutes extends ClientCommand {
        @Option(names = "--json", description = "Print the live route table as routers receive it. " + HelpText.JSON)
        boolean json;

        ListRoutes(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            ApiClient api = api();
            RouteTable table = api.routes(0, Duration.ZERO);
            if (json) {
                printJson(table);
                return ExitCodes.OK;
            }
            List<RouteDefinitionView> files = api.routeDefinitions();
            print(RouteOutput.table(table, files));
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = {"Show a route file as applied, with any warnings (backends that get no traffic, and why)."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Show extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ROUTE", description = "The route's name.")
        String route;

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Show(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            RouteDefinitionView view = api().routeDefinition(route);
            if (json) printJson(view);
            else print(RouteOutput.detail(view));
            return ExitCodes.OK;
        }
    }

    @Command(name = "weight", mixinStandardHelpOptions = true,
            description = {"Change the weights of a route's backends, live. Backends not named keep their weight.",
                    "Weights are relative whole numbers from 0 (no traffic) to 1000; they need not add up to 100."},
            footerHeading = HelpText.EXAMPLES,
            footer = {"  wolfpack route weight web web=50 legacy=50",
                    "  wolfpack route weight web legacy=0      # all traffic to the other backends"},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Weight extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ROUTE", description = "The route's name (see 'wolfpack route ls').")
        String route;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "BACKEND=WEIGHT", description = "New weights, e.g. web=50.")
        List<String> assignments;

        @Option(names = "--json", description = HelpText.JSON)
        boolean json;

        Weight(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            Map<String, Integer> weights = parse(assignments);
            ApiClient api = api();
            RouteDefinitionView before = api.routeDefinition(route);
            RouteDefinitionView after = api.setRouteWeights(route, weights);
            if (json) printJson(after);
            else print(RouteOutput.weights(before.route(), after.route()));
            return ExitCodes.OK;
        }

        private Map<String, Integer> parse(List<String> items) {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (String item : items) {
                int eq = item.indexOf('=');
                String name = eq < 0 ? item : item.substring(0, eq);
                String value = eq < 0 ? "" : item.substring(eq + 1);
                if (eq <= 0 || !value.matches("\\d{1,4}")) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "'" + item
                            + "' is not BACKEND=WEIGHT with a whole-number weight from 0 to 1000, e.g. web=50");
                }
                if (out.put(name, Integer.parseInt(value)) != null) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "backend '" + name + "' is given twice");
                }
            }
            return out;
        }
    }

    @Command(name = "rm", aliases = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a route file. A service whose route: section it overrode is served by that again."},
            exitCodeListHeading = HelpText.EXIT_HEADING,
            exitCodeList = {HelpText.EXIT_OK, HelpText.EXIT_ERROR, HelpText.EXIT_USAGE, HelpText.EXIT_UNREACHABLE})
    static final class Remove extends ClientCommand {
        @Parameters(index = "0", paramLabel = "ROUTE", description = "The route's name.")
        String route;

        Remove(ClientContext context) {
            super(context);
        }

        @Override
        public Integer call() {
            api().removeRoute(route);
            print("route " + route + " removed\n");
            return ExitCodes.OK;
        }
    }
}
